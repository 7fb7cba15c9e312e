import type { Page } from 'playwright-core';
import type { ConversationPage, CustomerPicture, RoutingConversationView } from '@vigie/contracts';
import { readJsonInPage, saveScreenshot, seriousAccessibilityViolations } from './support/browser';
import { type ConsoleStack, signInConsole, startConsoleStack } from './support/console-stack';

/**
 * The customer panel's links and merges and the conversation's priority, against the built API and the built fake
 * X: two X accounts of the same person write; a supervisor merges one into the other from the panel (confirmed,
 * both sides named), sees both conversations under one customer and undoes it; an agent links an e-mail (a bad
 * one refused first, the API's 409 shown on the other contact), unlinks it, and sets a conversation's priority.
 */
describe('the customer panel and the priority in chromium (built API, built fake X)', () => {
  let stack: ConsoleStack;
  const pages: Page[] = [];

  beforeAll(async () => {
    stack = await startConsoleStack('console-customer');
    await stack.control('/control/users', { username: 'martine_b', name: 'Martine Bernard' });
    await stack.control('/control/users', { username: 'martine_b2', name: 'Martine Bernard' });
  });
  afterAll(async () => {
    for (const page of pages.splice(0)) await page.context().close();
    await stack?.stop();
  });

  async function signIn(email: string): Promise<Page> {
    const page = await signInConsole(stack, { email });
    pages.push(page);
    return page;
  }

  /** Both customers' conversations, once ingestion has recorded them (polled, never a fixed wait). */
  async function conversationsOf(page: Page, handles: string[]) {
    const found = await page.waitForFunction(
      async (wanted) => {
        const response = await fetch('/api/conversations?limit=100', { credentials: 'same-origin' });
        const list = (await response.json()) as ConversationPage;
        const byHandle = wanted.map((handle) => list.items.find((item) => item.contact.handle === handle));
        return byHandle.every(Boolean)
          ? byHandle.map((item) => ({ id: item?.id ?? '', contactId: item?.contact.id ?? '' }))
          : null;
      },
      handles,
      { polling: 200, timeout: 15_000 },
    );
    return (await found.jsonValue()) as { id: string; contactId: string }[];
  }

  const activeTestId = (page: Page) =>
    page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

  it('merges and undoes from the panel, links and unlinks an identity, and sets the priority', async () => {
    await stack.control('/control/posts', {
      author: 'martine_b',
      text: '@VigieTelecom plus de réseau depuis ce matin, ma box clignote',
    });
    await stack.control('/control/posts', {
      author: 'martine_b2',
      text: '@VigieTelecom toujours aucune connexion, je vous écris de mon autre compte',
    });
    const hugo = await signIn('hugo@vigie.demo');
    const [first, second] = await conversationsOf(hugo, ['martine_b', 'martine_b2']);
    if (!first || !second) throw new Error('the mentions never reached the inbox');

    // The supervisor opens the first customer: the second is suggested as a likely duplicate.
    await hugo.goto(`${stack.api.url}/inbox?view=all&conversation=${first.id}`);
    const panel = hugo.getByTestId('customer-panel');
    const identities = panel.getByTestId('customer-identity');
    await identities.filter({ hasText: '@martine_b' }).waitFor();
    const duplicate = panel.getByTestId('customer-duplicate').filter({ hasText: 'Martine Bernard' });
    await duplicate.waitFor();
    expect(await duplicate.textContent()).toContain('même nom complet');

    // The confirmation names both sides (with their accounts) and starts on "Cancel": Escape changes nothing.
    await duplicate.getByTestId('duplicate-merge').click();
    const dialog = hugo.getByTestId('merge-dialog');
    await dialog.getByTestId('merge-merged').filter({ hasText: '@martine_b2' }).waitFor();
    expect(await dialog.getByTestId('merge-survivor').textContent()).toContain('@martine_b');
    expect(await activeTestId(hugo)).toBe('confirm-cancel');
    expect(await seriousAccessibilityViolations(hugo)).toEqual([]);
    await hugo.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await panel.getByTestId('customer-merge').count()).toBe(0);

    // By keyboard this time: open, Tab to "Merge", Enter.
    await duplicate.getByTestId('duplicate-merge').focus();
    await hugo.keyboard.press('Enter');
    await dialog.getByTestId('merge-merged').filter({ hasText: '@martine_b2' }).waitFor();
    await hugo.keyboard.press('Tab');
    expect(await activeTestId(hugo)).toBe('confirm-accept');
    await hugo.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });

    // One customer: both X accounts, the other conversation in its history, the merge ready to undo.
    await panel.getByTestId('merges-done').waitFor();
    await identities.filter({ hasText: '@martine_b2' }).waitFor();
    expect(await identities.count()).toBe(2);
    await panel.locator(`[data-testid="customer-history"] a[href*="conversation=${second.id}"]`).waitFor();
    const merge = panel.getByTestId('customer-merge');
    expect(await merge.textContent()).toContain('@martine_b2');
    await panel.getByTestId('customer-duplicates-none').waitFor();
    const merged = await readJsonInPage<CustomerPicture>(hugo, `/api/crm/contacts/${second.contactId}`);
    expect(merged.id).toBe(first.contactId);
    await saveScreenshot(hugo, 'console-customer-merged');
    expect(await seriousAccessibilityViolations(hugo)).toEqual([]);

    // Undo: two customers again, as before the merge.
    await merge.getByTestId('merge-undo').click();
    await merge.waitFor({ state: 'detached' });
    expect(await panel.getByTestId('merges-done').textContent()).toContain('annulée');
    await identities.filter({ hasText: '@martine_b2' }).waitFor({ state: 'detached' });
    expect(await identities.count()).toBe(1);
    await duplicate.waitFor();
    expect(await panel.locator(`a[href*="conversation=${second.id}"]`).count()).toBe(0);
    const apart = await readJsonInPage<CustomerPicture>(hugo, `/api/crm/contacts/${second.contactId}`);
    expect(apart.id).toBe(second.contactId);

    // An agent sees the suggestion but merging is a supervisor's; she links an e-mail by hand.
    const camille = await signIn('camille@vigie.demo');
    await camille.goto(`${stack.api.url}/inbox?view=all&conversation=${first.id}`);
    const agentPanel = camille.getByTestId('customer-panel');
    await agentPanel.getByTestId('customer-duplicate').filter({ hasText: 'Martine Bernard' }).waitFor();
    expect(await agentPanel.getByTestId('duplicate-merge').count()).toBe(0);
    expect(await agentPanel.getByTestId('customer-merges').textContent()).toContain('Un superviseur');

    const form = agentPanel.getByTestId('link-form');
    await form.getByTestId('link-channel').selectOption('email');
    await form.getByTestId('link-value').fill('martine.bernard');
    await form.getByTestId('link-submit').click();
    await form.getByRole('alert').filter({ hasText: 'pas une adresse e-mail' }).waitFor();
    expect(await form.getByTestId('link-value').getAttribute('aria-invalid')).toBe('true');
    await form.getByTestId('link-value').fill('Martine.Bernard@exemple.fr');
    await form.getByTestId('link-submit').click();
    const email = agentPanel
      .getByTestId('customer-identity')
      .filter({ hasText: 'martine.bernard@exemple.fr' });
    await email.waitFor();
    expect(await form.getByTestId('link-value').inputValue()).toBe('');

    // The same address on the other contact: the API's 409 is shown with its reason.
    await camille.goto(`${stack.api.url}/inbox?view=all&conversation=${second.id}`);
    await agentPanel.getByTestId('customer-identity').filter({ hasText: '@martine_b2' }).waitFor();
    await form.getByTestId('link-value').fill('martine.bernard@exemple.fr');
    await form.getByTestId('link-submit').click();
    const refusal = agentPanel.getByTestId('identities-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/^Refusé : .*already belongs to contact/);

    // Back on the first customer, she unlinks it, after a confirmation that says what happens.
    await camille.goto(`${stack.api.url}/inbox?view=all&conversation=${first.id}`);
    await email.waitFor();
    await email.getByTestId('identity-unlink').click();
    const unlinkDialog = camille.getByTestId('unlink-dialog');
    expect(await unlinkDialog.textContent()).toContain('retirée de ce client');
    await unlinkDialog.getByTestId('confirm-accept').click();
    await email.waitFor({ state: 'detached' });
    expect(await agentPanel.getByTestId('identities-done').textContent()).toContain('déliée');
    expect(await agentPanel.getByTestId('customer-identity').count()).toBe(1);

    // The priority: shown with its reasons; set by hand, the reason and the list's chip follow.
    const control = camille.getByTestId('priority-control');
    const badge = control.getByTestId('conversation-priority');
    await badge.waitFor();
    const before = await badge.getAttribute('data-priority');
    const target = before === 'urgent' ? 'low' : 'urgent';
    const label = target === 'urgent' ? 'Urgente' : 'Basse';
    expect(await control.getByTestId('priority-reason').count()).toBeGreaterThan(0);
    await control.getByTestId('priority-select').selectOption(target);
    await control.getByTestId('priority-set').click();
    await control.locator(`[data-testid="conversation-priority"][data-priority="${target}"]`).waitFor();
    await control
      .getByTestId('priority-reason')
      .filter({ hasText: `passée à « ${label} » à la main` })
      .waitFor();
    const row = camille.locator(`[data-testid="conversation-row"][data-conversation-id="${first.id}"]`);
    await row.getByTestId('row-priority').filter({ hasText: label }).waitFor();
    const routing = await readJsonInPage<RoutingConversationView>(
      camille,
      `/api/routing/conversations/${first.id}`,
    );
    expect(routing.priority).toBe(target);
    expect(routing.priorityReasons[0]).toBe(`set to ${target} by hand`);

    await saveScreenshot(camille, 'console-customer-links-and-priority');
    expect(await seriousAccessibilityViolations(camille)).toEqual([]);
  });
});
