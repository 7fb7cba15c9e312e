import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, saveScreenshot, seriousAccessibilityViolations } from './support/browser';
import { demoPassword, type RunningProcess, startApi, tempDir } from './support/processes';

describe('signing in through the real console in chromium', () => {
  const dataDir = tempDir('console');
  let api: RunningProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ VIGIE_DATA_DIR: dataDir }), launchChromium()]);
  });
  beforeEach(async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });
  afterEach(() => page.context().close());
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function fillLogin(email: string, password: string): Promise<void> {
    await page.goto(`${api.url}/`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  }

  it('shows a clear error for a wrong password and stays on the login page', async () => {
    await fillLogin('camille@vigie.demo', 'pas-le-bon-mot-de-passe');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/mot de passe/i);
    expect(page.url()).toMatch(/\/login$/);
    await saveScreenshot(page, 'login-wrong-password');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('reaches the inbox in French, live over socket.io, and logout ends the session', async () => {
    await fillLogin('camille@vigie.demo', demoPassword);
    await page.getByTestId('inbox').waitFor();
    expect(await page.getByTestId('user-name').textContent()).toBe('Camille Martin');
    await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await saveScreenshot(page, 'inbox-agent');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByTestId('logout').click();
    await page.getByTestId('login-email').waitFor();
    const me = await page.request.get(`${api.url}/api/auth/me`);
    expect(me.status()).toBe(401);
    await page.goto(`${api.url}/inbox`);
    await page.getByTestId('login-email').waitFor();
  });

  it('switches the console to English', async () => {
    await fillLogin('lea@vigie.demo', demoPassword);
    await page.getByTestId('inbox').waitFor();
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.getByTestId('logout').textContent()).toMatch(/sign out|log out/i);
  });
});
