import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const workspaceRoot = join(__dirname, '../../..');
export const demoPassword = 'e2e-demo-password';

export type RunningProcess = {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** SIGTERM, then the exit code (SIGKILL after the timeout). */
  stop(timeoutMs?: number): Promise<number | null>;
};

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `vigie-e2e-${prefix}-`));
}

/**
 * Starts the built API (`dist/apps/api/main.js`) and resolves once it logs "Vigie API ready"
 * with its URL. PORT=0 lets the OS choose, so tests never collide.
 */
export function startApi(env: Record<string, string>, timeoutMs = 60_000): Promise<RunningProcess> {
  return startProcess({
    script: join(workspaceRoot, 'dist/apps/api/main.js'),
    env: {
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      VIGIE_DEMO: 'true',
      VIGIE_DEMO_PASSWORD: demoPassword,
      ...env,
    },
    readyWhen: (line) => {
      if (!line.startsWith('{')) return undefined;
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      return entry.msg === 'Vigie API ready' ? entry.url : undefined;
    },
    timeoutMs,
  });
}

export function startProcess(params: {
  script: string;
  env: Record<string, string>;
  readyWhen: (line: string) => string | undefined;
  timeoutMs: number;
}): Promise<RunningProcess> {
  const child = spawn(process.execPath, [params.script], {
    cwd: workspaceRoot,
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', ...params.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running: Omit<RunningProcess, 'url'> = {
    child,
    output: () => output,
    async stop(timeoutMs = 15_000) {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`process did not become ready in ${params.timeoutMs} ms:\n${output}`));
    }, params.timeoutMs);
    let buffer = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        let url: string | undefined;
        try {
          url = params.readyWhen(line.trim());
        } catch {
          url = undefined;
        }
        if (url) {
          clearTimeout(timer);
          resolve({ ...running, url });
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`process exited with code ${code} before it was ready:\n${output}`));
    });
  });
}

/** Runs the built API expecting it to fail at start; returns its exit code and output. */
export function runApiExpectingFailure(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [join(workspaceRoot, 'dist/apps/api/main.js')], {
    cwd: workspaceRoot,
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Starts the built fake X (`dist/apps/fake-x/main.js`) on a free port, with no scenario traffic. */
export function startFakeXProcess(env: Record<string, string> = {}): Promise<RunningProcess> {
  return startProcess({
    script: join(workspaceRoot, 'dist/apps/fake-x/main.js'),
    env: { FAKE_X_PORT: '0', FAKE_X_KEEPALIVE_MS: '250', FAKE_X_SCENARIO: 'none', ...env },
    readyWhen: (line) => line.match(/^fake-x listening on (\S+)/)?.[1],
    timeoutMs: 20_000,
  });
}
