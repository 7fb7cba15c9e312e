// Walks the console against tools/mock-api.mjs, saves screenshots and runs axe on each page.
//
//   node apps/console/tools/mock-api.mjs &
//   VIGIE_API_URL=http://127.0.0.1:3999 npx vite --config apps/console/vite.config.mts &
//   node apps/console/tools/screenshots.mjs [http://127.0.0.1:4200] [out-dir]
import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:4200';
const outDir = process.argv[3] ?? '/tmp/vigie-console-screens';
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

async function audit(page, name) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map(
    (violation) => `${violation.impact} ${violation.id} (${violation.nodes.length})`,
  );
  console.log(`axe ${name}: ${summary.length ? summary.join(', ') : 'no violations'}`);
}

async function shoot(page, name) {
  await page.screenshot({ path: `${outDir}/${name}.png` });
  console.log(`saved ${outDir}/${name}.png`);
}

const failures = [];
function check(condition, message) {
  if (!condition) failures.push(message);
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${message}`);
}

for (const locale of ['fr-FR', 'en-US']) {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on(
    'console',
    (message) => message.type() === 'error' && console.log(`  console error: ${message.text()}`),
  );
  const tag = locale.slice(0, 2);

  await page.goto(`${baseUrl}/`);
  await page.getByTestId('login-email').waitFor();
  check(page.url().endsWith('/login'), `${tag}: anonymous visitor lands on /login`);
  check((await page.locator('html').getAttribute('lang')) === tag, `${tag}: <html lang> is ${tag}`);
  await audit(page, `${tag} login`);
  await shoot(page, `${tag}-login`);

  await page.getByTestId('login-email').fill('supervisor@vigie.test');
  await page.getByTestId('login-password').fill('wrong');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-error').waitFor();
  console.log(`  401 → ${await page.getByTestId('login-error').textContent()}`);
  await audit(page, `${tag} login error`);
  await shoot(page, `${tag}-login-error`);

  await page.getByTestId('login-email').fill('not-an-email');
  await page.getByTestId('login-submit').click();
  await page.waitForTimeout(300);
  console.log(`  400 → ${await page.getByTestId('login-error').textContent()}`);

  await page.getByTestId('login-email').fill('supervisor@vigie.test');
  await page.getByTestId('login-password').fill('correct-horse');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('inbox').waitFor();
  check(page.url().endsWith('/inbox'), `${tag}: signed in → /inbox`);
  await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor({ timeout: 5000 });
  check(true, `${tag}: socket connected`);
  await page.waitForTimeout(900);
  check((await page.getByTestId('user-name').textContent()) === 'Camille Martin', `${tag}: user name shown`);
  await audit(page, `${tag} inbox`);
  await shoot(page, `${tag}-inbox`);

  if (tag === 'fr') {
    await page.getByTestId('language-switch').click();
    check((await page.locator('html').getAttribute('lang')) === 'en', 'language switch → <html lang="en">');
    await shoot(page, 'fr-switched-to-en-inbox');
    await page.reload();
    await page.getByTestId('inbox').waitFor();
    check((await page.locator('html').getAttribute('lang')) === 'en', 'language choice survives a reload');
    await page.getByTestId('language-switch').click();
  }

  await page.getByTestId('logout').click();
  await page.getByTestId('login-email').waitFor();
  check(page.url().endsWith('/login'), `${tag}: logout → /login`);
  await shoot(page, `${tag}-after-logout`);
  await page.goto(`${baseUrl}/inbox`);
  await page.getByTestId('login-email').waitFor();
  check(page.url().endsWith('/login'), `${tag}: /inbox after logout → /login`);
  await context.close();
}

// Rate limiting: the mock locks after five failures.
{
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  for (let attempt = 0; attempt < 6; attempt += 1) {
    await page.getByTestId('login-email').fill('agent@vigie.test');
    await page.getByTestId('login-password').fill(`wrong-${attempt}`);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="login-submit"]:not([disabled])').waitFor();
  }
  const text = await page.getByTestId('login-error').textContent();
  check(/Trop de tentatives\. Réessayez dans \d+ s\./.test(text ?? ''), `429 → ${text}`);
  await shoot(page, 'fr-login-rate-limited');
  await context.close();
}

// Network error and the offline indicator, on a signed-in session whose API disappears.
{
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.route('**/api/auth/login', (route) => route.abort('connectionrefused'));
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill('agent@vigie.test');
  await page.getByTestId('login-password').fill('correct-horse');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-error').waitFor();
  console.log(`  network → ${await page.getByTestId('login-error').textContent()}`);
  await context.close();
}
{
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill('admin@vigie.test');
  await page.getByTestId('login-password').fill('correct-horse');
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
  await page.setViewportSize({ width: 420, height: 860 });
  await page.waitForTimeout(800);
  await shoot(page, 'en-inbox-admin-narrow');
  await page.setViewportSize({ width: 1280, height: 800 });
  await context.setOffline(true);
  await page.locator('[data-testid="connection-status"][data-state="offline"]').waitFor({ timeout: 5000 });
  check(true, 'browser offline → indicator offline');
  await page.waitForTimeout(300);
  await shoot(page, 'en-inbox-admin-offline');
  await context.setOffline(false);
  await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor({ timeout: 15000 });
  check(true, 'back online → indicator connected');
  await context.close();
}

// Session ended elsewhere: a logout in a second tab sends the first one to the login page.
{
  const context = await browser.newContext({ locale: 'fr-FR' });
  const first = await context.newPage();
  await first.goto(`${baseUrl}/login`);
  await first.getByTestId('login-email').fill('supervisor@vigie.test');
  await first.getByTestId('login-password').fill('correct-horse');
  await first.getByTestId('login-submit').click();
  await first.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
  const second = await context.newPage();
  await second.goto(`${baseUrl}/inbox`);
  await second.getByTestId('logout').click();
  await first.getByTestId('login-email').waitFor({ timeout: 5000 });
  check(first.url().endsWith('/login'), "'session.ended' in another tab → /login");
  await context.close();
}

// Session gone server side: the refused reconnection is confirmed with /api/auth/me, then → /login.
{
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill('supervisor@vigie.test');
  await page.getByTestId('login-password').fill('correct-horse');
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
  await context.clearCookies();
  await context.setOffline(true);
  await page.locator('[data-testid="connection-status"][data-state="offline"]').waitFor();
  await context.setOffline(false);
  await page.getByTestId('login-email').waitFor({ timeout: 15000 });
  check(page.url().endsWith('/login'), 'refused reconnection without a session → /login');
  await shoot(page, 'en-session-expired');
  await context.close();
}

await browser.close();
console.log(failures.length ? `\n${failures.length} check(s) failed` : '\nall checks passed');
process.exitCode = failures.length ? 1 : 0;
