import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const workspace = fileURLToPath(new URL('../../', import.meta.url));
const apiTarget = process.env.VIGIE_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      '@vigie/contracts': `${workspace}libs/shared/contracts/src/index.ts`,
      '@vigie/kernel': `${workspace}libs/shared/kernel/src/index.ts`,
      // Pure rules the admin pages share with the API (the calendar preview, canned-answer variables).
      '@vigie/sla-core': `${workspace}libs/sla/core/src/index.ts`,
      '@vigie/canned-core': `${workspace}libs/canned/core/src/index.ts`,
    },
  },
  build: {
    outDir: `${workspace}dist/apps/console`,
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 4200,
    proxy: { '/api': { target: apiTarget, ws: true, changeOrigin: false } },
  },
});
