import type { Page } from 'playwright-core';
import type {
  ConversationDetail,
  ConversationPage,
  ConversationSummary,
  CrmAccountView,
  SessionUser,
} from '@vigie/contracts';
import { saveScreenshot, seriousAccessibilityViolations } from './support/browser';
import { type ConsoleStack, startConsoleStack } from './support/console-stack';
import { demoPassword } from './support/processes';

/**
 * The panels around the conversation, against the built API and the built fake X: the customer panel shows the
 * CRM's picture of the customer (account, owner, tier, value, past conversations, notes) and takes notes.
 */
describe('the console panels in chromium (built API, built fake X)', () => {
  let stack: ConsoleStack;
  const pages: Page[] = [];

  beforeAll(async () => {
    stack = await startConsoleStack('console-panels');
    await stack.control('/control/users', { username: 'client_fidele', name: 'Cliente Fidèle' });
    await stack.control('/control/users', { username: 'client_file', name: 'Client en File' });
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function signIn(email: string): Promise<Page> {
    const context = await stack.browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    pages.push(page);
    await page.goto(`${stack.api.url}/`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(demoPassword);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
    return page;
  }

  /** A JSON call from inside the signed-in page: same origin, with its session cookie (as the console does). */
  async function callApi<T>(page: Page, path: string, init: { method: string; body?: unknown }): Promise<T> {
    const answer = await page.evaluate(
      async ({ path, method, body }) => {
        const response = await fetch(path, {
          method,
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, body: response.status === 204 ? null : await response.json() };
      },
      { path, method: init.method, body: init.body },
    );
    if (answer.status >= 300) throw new Error(`${init.method} ${path} answered ${answer.status}`);
    return answer.body as T;
  }

  it('shows the customer beside the conversation and takes a note, as text, live for colleagues', async () => {
    await stack.control('/control/posts', {
      author: 'client_fidele',
      text: '@VigieTelecom ma facture de mars est fausse',
    });
    await stack.control('/control/posts', {
      author: 'client_fidele',
      text: '@VigieTelecom et maintenant plus de réseau',
    });

    // A supervisor gives the customer a CRM account (owner, tier, value), as a CRM sync or an admin would.
    const hugo = await signIn('hugo@vigie.demo');
    const supervisor = await callApi<SessionUser>(hugo, '/api/auth/me', { method: 'GET' });
    let mine: ConversationSummary[] = [];
    for (let attempt = 0; attempt < 50 && mine.length < 2; attempt += 1) {
      const list = await callApi<ConversationPage>(hugo, '/api/conversations?limit=100', { method: 'GET' });
      mine = list.items.filter((item) => item.contact.handle === 'client_fidele');
      if (mine.length < 2) await hugo.waitForTimeout(200);
    }
    expect(mine).toHaveLength(2);
    const contactId = mine[0].contact.id;
    // The list's preview may be an automatic out-of-hours answer: tell the two apart by their messages.
    const details = await Promise.all(
      mine.map((item) =>
        callApi<ConversationDetail>(hugo, `/api/conversations/${item.id}`, { method: 'GET' }),
      ),
    );
    const about = (text: string) =>
      details.find((detail) => detail.messages.some((message) => message.text.includes(text)))?.id ?? '';
    const networkId = about('plus de réseau');
    const invoiceId = about('ma facture de mars');
    const account = await callApi<CrmAccountView>(hugo, '/api/crm/accounts', {
      method: 'POST',
      body: { name: 'Fibre Pro SARL', ownerUserId: supervisor.id, tier: 'vip', value: 12500 },
    });
    await callApi(hugo, `/api/crm/contacts/${contactId}`, {
      method: 'PATCH',
      body: { accountId: account.id },
    });

    const page = await signIn('camille@vigie.demo');
    await page.goto(`${stack.api.url}/inbox?conversation=${networkId}`);
    const panel = page.getByTestId('customer-panel');
    await panel.getByTestId('customer-name').filter({ hasText: 'Cliente Fidèle' }).waitFor();
    expect(await panel.getByTestId('customer-identity').allTextContents()).toEqual([
      expect.stringContaining('@client_fidele'),
    ]);
    const accountText = await panel.getByTestId('customer-account').textContent();
    expect(accountText).toContain('Fibre Pro SARL');
    expect(accountText).toContain('Hugo Petit');
    expect(accountText).toContain('VIP');
    expect(accountText).toMatch(/12,5\s?k/);

    // The other conversation is listed and opens in the pane.
    const history = panel.getByTestId('customer-history');
    const links = history.getByRole('link');
    expect(await links.count()).toBe(1);
    expect(await links.getAttribute('href')).toContain(`conversation=${invoiceId}`);
    await links.click();
    await page.getByTestId('message-text').filter({ hasText: 'ma facture de mars' }).waitFor();
    await panel.locator(`a[href*="conversation=${networkId}"]`).waitFor();

    // An empty note is refused before it is sent; a hostile one is stored and shown as text.
    await panel.getByTestId('customer-note-add').click();
    await panel.getByRole('alert').filter({ hasText: 'Écrivez la note' }).waitFor();
    const hostile = 'Rappeler demain <img src=x onerror="window.__pwnedNote=1">';
    await panel.getByTestId('customer-note-input').fill(hostile);
    await panel.getByTestId('customer-note-add').click();
    const note = panel.getByTestId('customer-note').filter({ hasText: 'Rappeler demain' });
    await note.waitFor();
    expect(await note.locator('p').textContent()).toBe(hostile);
    expect(await note.textContent()).toContain('Vous');
    expect(await panel.locator('img').count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __pwnedNote?: number }).__pwnedNote),
    ).toBeUndefined();
    expect(await panel.getByTestId('customer-note-input').inputValue()).toBe('');

    // A colleague's note arrives live (contact.updated), without a reload.
    await callApi(hugo, `/api/crm/contacts/${contactId}/notes`, {
      method: 'POST',
      body: { body: 'Client VIP : proposer un geste commercial' },
    });
    const colleagueNote = panel.getByTestId('customer-note').filter({ hasText: 'geste commercial' });
    await colleagueNote.waitFor({ timeout: 5_000 });
    expect(await colleagueNote.textContent()).toContain('Un collègue');
    expect(await panel.getByTestId('customer-note').count()).toBe(2);

    // Notes are the CRM's: they are still there after a reload.
    await page.reload();
    await page.getByTestId('customer-note').filter({ hasText: 'Rappeler demain' }).waitFor();

    await saveScreenshot(page, 'console-customer-panel');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('lets an agent switch her availability, take an unassigned conversation with a, and read its SLA', async () => {
    const page = await signIn('lea@vigie.demo');
    const me = await callApi<SessionUser>(page, '/api/auth/me', { method: 'GET' });
    const status = page.getByTestId('my-status');
    // Away: routing does not push the next mention to her, so it waits unassigned in the queue.
    await status.selectOption('away');
    await page.waitForFunction(async (userId) => {
      const agents = (await (await fetch('/api/routing/agents')).json()) as {
        userId: string;
        status: string;
      }[];
      return agents.find((agent) => agent.userId === userId)?.status === 'away';
    }, me.id);
    expect(await status.inputValue()).toBe('away');

    await stack.control('/control/posts', {
      author: 'client_file',
      text: '@VigieTelecom personne ne me répond',
    });
    let conversationId: string | undefined;
    for (let attempt = 0; attempt < 50 && !conversationId; attempt += 1) {
      const list = await callApi<ConversationPage>(page, '/api/conversations?limit=100', { method: 'GET' });
      conversationId = list.items.find((item) => item.contact.handle === 'client_file')?.id;
      if (!conversationId) await page.waitForTimeout(200);
    }
    if (!conversationId) throw new Error('the mention never reached the inbox');
    // Opened from the list, not by loading the page again: a new console connection sets her online
    // (routing's presence rule), which would let routing push the conversation to her.
    await page.getByTestId('conversation-row').filter({ hasText: 'Client en File' }).click();
    const assignee = page.getByTestId('assignee');
    await page.locator('[data-testid="assignee"][data-assignee="nobody"]').waitFor();
    expect(await assignee.textContent()).toBe('Non assignée');

    await page.getByTestId('thread').click();
    await page.keyboard.press('a');
    await page.locator('[data-testid="assignee"][data-assignee="you"]').waitFor();
    expect(await page.getByTestId('action-claim').count()).toBe(0);
    const routing = await callApi<{ assigneeId: string | null }>(
      page,
      `/api/routing/conversations/${conversationId}`,
      { method: 'GET' },
    );
    expect(routing.assigneeId).toBe(me.id);

    // The SLA clocks show as badges; the "why this due time" explanation appears on keyboard focus too.
    const customerBadge = page.locator('[data-testid="sla-badge"][data-clock="customer"]');
    await customerBadge.waitFor();
    const why = page.locator(`#${await customerBadge.getAttribute('aria-describedby')}`);
    expect(await why.isVisible()).toBe(false);
    await customerBadge.focus();
    await why.waitFor({ state: 'visible' });
    expect(await why.textContent()).toMatch(/Première réponse|Réponse suivante|Résolution/);
    // The explanation speaks French too: « échéance … car : reçu … ».
    expect(await why.textContent()).toMatch(/échéance .+ car : reçu /);

    // The shortcut is listed with the others.
    await page.keyboard.press('?');
    expect(await page.getByRole('dialog').textContent()).toContain('M’attribuer la conversation');
    await page.keyboard.press('Escape');

    // Without focus on a badge, so the screenshot shows the assignment rather than the explanation.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.locator('[data-testid="assignee"][data-assignee="you"]').waitFor();
    await saveScreenshot(page, 'console-assigned-to-me');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Her "Mine" view lists it (GET /api/routing/inbox); "Unassigned" no longer does, and shows the next
    // mention live while she is away (conversation.created reads the view's first page again).
    const rows = page.getByTestId('conversation-row');
    await page.getByRole('link', { name: 'Mes conversations' }).click();
    await rows.filter({ hasText: 'Client en File' }).waitFor();
    // The list re-renders as the view's page arrives: count once it has settled on one row.
    for (let waited = 0; (await rows.count()) !== 1 && waited < 40; waited++) await page.waitForTimeout(250);
    expect(await rows.count()).toBe(1);
    await page.getByRole('link', { name: 'Non assignées' }).click();
    await page.getByRole('heading', { level: 1, name: 'Non assignées' }).waitFor();
    await rows.filter({ hasText: 'Client en File' }).waitFor({ state: 'detached' });
    await stack.control('/control/users', { username: 'client_suivant', name: 'Client Suivant' });
    await stack.control('/control/posts', { author: 'client_suivant', text: '@VigieTelecom toujours rien' });
    await rows.filter({ hasText: 'Client Suivant' }).waitFor();
    expect(await rows.filter({ hasText: 'Client en File' }).count()).toBe(0);
  });
});
