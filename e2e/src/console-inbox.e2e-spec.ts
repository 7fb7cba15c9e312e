import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { saveScreenshot, screenshotDir, seriousAccessibilityViolations } from './support/browser';
import { type ConsoleStack, startConsoleStack } from './support/console-stack';
import { demoPassword, type RunningProcess, workspaceRoot } from './support/processes';

type FakePost = { data: { id: string; text: string } };
const customers = [
  ['client_fache', 'Client Fâché'],
  ['client_double', 'Cliente Facture'],
  ['client_forfait', 'Client Forfait'],
  ['client_rien', 'Client Patient'],
  ['client_retour', 'Client Revenu'],
] as const;

type Posted = { tweets: { text: string; in_reply_to_tweet_id?: string | null }[] };

/**
 * The agent console against the built API and the built fake X: mentions injected into fake X appear live,
 * hostile text stays text, an agent replies and fake X receives the reply, two agents see each other.
 */
describe('the agent console in chromium (built API, built fake X)', () => {
  let stack: ConsoleStack;
  let api: RunningProcess;
  let browser: Browser;
  let control: ConsoleStack['control'];
  const pages: Page[] = [];

  beforeAll(async () => {
    stack = await startConsoleStack('console-inbox');
    ({ api, browser, control } = stack);
    // One customer per test, so each test finds its conversation by the customer's name (the preview may be
    // an automatic out-of-hours answer, depending on the time the test runs).
    for (const [username, name] of customers) await control('/control/users', { username, name });
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function signIn(email: string, context?: BrowserContext): Promise<Page> {
    const page = await (context ?? (await newContext())).newPage();
    pages.push(page);
    await page.goto(`${api.url}/`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(demoPassword);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
    return page;
  }

  function newContext(): Promise<BrowserContext> {
    return browser.newContext({ locale: 'fr-FR', viewport: { width: 1360, height: 860 } });
  }

  function row(page: Page, text: string) {
    return page.getByTestId('conversation-row').filter({ hasText: text });
  }

  it('shows an injected mention live, as inert text, and the agent replies through fake X', async () => {
    const page = await signIn('camille@vigie.demo');
    await page.getByTestId('conversation-list').or(page.locator('.empty-state')).first().waitFor();

    const hostile = '@VigieTelecom <img src=x onerror="window.__pwned=1"> ma box ne marche plus';
    const injectedAt = Date.now();
    const mention = await control<FakePost>('/control/posts', { author: 'client_fache', text: hostile });
    await row(page, 'Client Fâché').waitFor({ timeout: 10_000 });
    const appearedAfterMs = Date.now() - injectedAt;
    console.log(`mention visible in the console ${appearedAfterMs} ms after fake X posted it`);
    expect(appearedAfterMs).toBeLessThan(2_000);

    await row(page, 'Client Fâché').click();
    const message = page.getByTestId('message-text').filter({ hasText: 'ma box ne marche plus' });
    await message.waitFor();
    // Hostile input stays text: the markup is shown, never parsed into an element, never run.
    expect(await message.textContent()).toBe(hostile);
    expect(
      await page.locator('[data-testid="thread"] img, [data-testid="conversation-list"] img').count(),
    ).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // A draft survives a reload, with X's count.
    const reply = 'Bonjour, nous regardons votre box tout de suite.';
    await page.getByTestId('reply-text').fill(reply);
    expect(await page.getByTestId('reply-count').textContent()).toBe(`${reply.length} / 280`);
    await page.reload();
    await page.getByTestId('reply-text').waitFor();
    expect(await page.getByTestId('reply-text').inputValue()).toBe(reply);

    await saveScreenshot(page, 'console-inbox-thread');
    mkdirSync(join(workspaceRoot, 'docs/images'), { recursive: true });
    copyFileSync(
      join(screenshotDir, 'console-inbox-thread.png'),
      join(workspaceRoot, 'docs/images/console-inbox.png'),
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByTestId('reply-send').click();
    await page
      .locator('[data-testid="message"][data-direction="outbound"][data-delivery="sent"]')
      .filter({ hasText: reply })
      .waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('reply-text').inputValue()).toBe('');
    const posted = await control<Posted>('/control/posted');
    expect(posted.tweets).toContainEqual(
      expect.objectContaining({
        in_reply_to_tweet_id: mention.data.id,
        text: expect.stringContaining(reply),
      }),
    );
    await saveScreenshot(page, 'console-reply-sent');
  });

  it('shows two agents on the same conversation to each other, typing included', async () => {
    await control<FakePost>('/control/posts', {
      author: 'client_double',
      text: '@VigieTelecom facture en double ?',
    });
    const camille = await signIn('camille@vigie.demo');
    const lea = await signIn('lea@vigie.demo');
    for (const page of [camille, lea]) await row(page, 'Cliente Facture').click();

    await camille.getByTestId('viewer').filter({ hasText: 'Léa Bernard' }).waitFor();
    await lea.getByTestId('viewer').filter({ hasText: 'Camille Martin' }).waitFor();
    await lea.getByTestId('reply-text').pressSequentially('Je m’en occupe');
    await camille.getByTestId('viewer').filter({ hasText: 'Léa Bernard écrit' }).waitFor();
    await saveScreenshot(camille, 'console-collision');

    await lea.getByTestId('reply-text').blur();
    await camille.getByTestId('viewer').filter({ hasText: 'Léa Bernard consulte' }).waitFor();
  });

  it('stops a send made on a stale view and shows the new customer message first, keeping the draft', async () => {
    const mention = await control<FakePost>('/control/posts', {
      author: 'client_forfait',
      text: '@VigieTelecom mon forfait a changé tout seul',
    });
    // A lagging connection: this console stops hearing new messages (the socket frames are dropped).
    const context = await newContext();
    let isLagging = false;
    await context.routeWebSocket(/socket\.io/, (socket) => {
      const server = socket.connectToServer();
      server.onMessage((frame) => {
        if (isLagging && typeof frame === 'string' && frame.includes('"message.received"')) return;
        socket.send(frame);
      });
    });
    const page = await signIn('camille@vigie.demo', context);
    await row(page, 'Client Forfait').click();
    await page.getByTestId('message-text').filter({ hasText: 'forfait a changé' }).waitFor();
    const conversationId = await page
      .locator('[data-testid="conversation-row"][aria-current="true"]')
      .getAttribute('data-conversation-id');
    await page.getByTestId('reply-text').fill('Nous vérifions votre forfait.');

    isLagging = true;
    await control<FakePost>('/control/posts', {
      author: 'client_forfait',
      text: '@VigieTelecom en fait c’est aussi ma facture',
      inReplyTo: mention.data.id,
    });
    await waitFor(async () => {
      const detail = await page.request.get(`${api.url}/api/conversations/${conversationId}`);
      const { messages } = (await detail.json()) as { messages: { text: string }[] };
      return messages.some((known) => known.text.includes('aussi ma facture'));
    });
    expect(await page.getByTestId('message-text').filter({ hasText: 'aussi ma facture' }).count()).toBe(0);

    await page.getByTestId('reply-send').click();
    await page.getByTestId('reply-error').waitFor();
    expect(await page.getByTestId('reply-error').textContent()).toMatch(/a changé/);
    await page.getByTestId('message-text').filter({ hasText: 'aussi ma facture' }).waitFor();
    expect(await page.getByTestId('reply-text').inputValue()).toBe('Nous vérifions votre forfait.');
    await saveScreenshot(page, 'console-stale-reply-stopped');

    // Having seen it, the agent sends again: accepted this time.
    await page.getByTestId('reply-send').click();
    await page
      .locator('[data-testid="message"][data-direction="outbound"]')
      .filter({ hasText: 'Nous vérifions votre forfait.' })
      .waitFor();
    expect(await page.getByTestId('reply-error').count()).toBe(0);
  });

  it('moves with j/k, lists the shortcuts with ?, resolves with e, and resynchronises after a reconnection', async () => {
    await control<FakePost>('/control/posts', {
      author: 'client_rien',
      text: '@VigieTelecom internet coupé',
    });
    const page = await signIn('camille@vigie.demo');
    await row(page, 'Client Patient').waitFor();
    await page.keyboard.press('j');
    await page.locator('[data-testid="conversation-row"][aria-current="true"]').waitFor();
    await page.keyboard.press('?');
    await page.getByTestId('shortcuts-dialog').waitFor();
    expect(await page.getByTestId('shortcuts-dialog').textContent()).toContain('Conversation suivante');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcuts-dialog').waitFor({ state: 'detached' });

    // `e` resolves the open conversation: the header and its row in the list follow.
    await page.getByTestId('conversation-status').waitFor();
    await page.keyboard.press('e');
    await page.getByTestId('conversation-status').filter({ hasText: 'Résolue' }).waitFor();
    await page
      .locator('[data-testid="conversation-row"][aria-current="true"]')
      .filter({ hasText: 'Résolue' })
      .waitFor();

    // A draft typed, then the network drops; a mention arrives meanwhile; the list catches up on reconnect.
    await page.getByTestId('reply-text').fill('brouillon à garder');
    await page.context().setOffline(true);
    await page.locator('[data-testid="connection-status"]:not([data-state="connected"])').waitFor();
    await control<FakePost>('/control/posts', {
      author: 'client_retour',
      text: '@VigieTelecom toujours rien ??',
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await page.context().setOffline(false);
    await page
      .locator('[data-testid="connection-status"][data-state="connected"]')
      .waitFor({ timeout: 20_000 });
    await row(page, 'Client Revenu').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('reply-text').inputValue()).toBe('brouillon à garder');
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
