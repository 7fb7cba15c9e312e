import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { InboxPage, RoutingAgentView, RoutingConversationView } from '@vigie/contracts';
import { frenchPublicHolidays } from '@vigie/sla-core';
import { HttpTestClient } from '@vigie/testing';
import {
  launchChromium,
  saveScreenshot,
  screenshotDir,
  seriousAccessibilityViolations,
} from './support/browser';
import {
  demoPassword,
  type RunningProcess,
  startApi,
  startFakeXProcess,
  workspaceRoot,
} from './support/processes';
import { freePort, freshDatabaseEnv } from './support/shared-services';

/**
 * 11:00 in Paris on the next Thursday that is not a French public holiday: the demo brand's calendar is open from
 * 09:00 to 19:00, so the contract clock counts every minute of the scenario. Computed, never written down: the
 * browser keeps the session cookie only while its expiry, stamped by the API's clock, is ahead of the real date.
 */
function nextOpenThursdayAt11(): DateTime {
  let day = DateTime.now().setZone('Europe/Paris').startOf('day').plus({ days: 1 });
  const holidays = new Set(frenchPublicHolidays(day.year, day.year + 1));
  while (day.weekday !== 4 || holidays.has(day.toISODate() ?? '')) day = day.plus({ days: 1 });
  return day.set({ hour: 11 });
}

const scenarioStart = nextOpenThursdayAt11();
/** How far the test moves the clock: from amber (35 minutes of a one-hour target) to red (65). */
const jumpMinutes = 30;
const minuteMs = 60_000;

/**
 * The supervisor's live SLA board in chromium, against the built API and the built fake X. Two customers wrote at
 * 10:20 and 10:25 and nobody answered: at 11:00 the SLA engine has warned about both contract clocks (50 % of the
 * hour), so the board shows them amber, at risk. The test then moves the clock itself: it stops the API and starts
 * it again on the same database and port with its clock 30 minutes later (VIGIE_CLOCK_START), moving fake X's and
 * the browser's clocks with it. The board reconnects by itself and shows both red, breached, without waiting. The
 * supervisor reassigns them to an agent, reads the assignment reasons, changes a capacity; an agent is kept out.
 */
describe('the supervisor board in chromium (built API, built fake X, a clock the test moves)', () => {
  let fakeX: RunningProcess;
  let api: RunningProcess;
  let browser: Browser;
  let apiUrl = '';
  let databaseEnv: { env: Record<string, string>; drop(): Promise<void> };
  let port = 0;
  /** The API's clock: the instant it started at, and when (wall clock) that was. */
  let apiClock = { startedAt: scenarioStart.toMillis(), wallAt: Date.now() };
  const apiNow = () => apiClock.startedAt + (Date.now() - apiClock.wallAt);
  const contexts: BrowserContext[] = [];
  const users: Record<'lea' | 'sam' | 'camille', string> = { lea: '', sam: '', camille: '' };

  async function control<T>(path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${fakeX.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as T;
  }

  /** Starts the API (again) on the same database and port, its clock and fake X's at `at`. */
  async function startApiAt(at: number): Promise<void> {
    await control('/control/clock', { offsetMs: at - Date.now() });
    const wallAt = Date.now();
    api = await startApi({
      ...databaseEnv.env,
      PORT: String(port),
      X_API_BASE_URL: fakeX.url,
      VIGIE_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'),
      X_DM_POLL_INTERVAL_MS: '600000',
      SESSION_IDLE_MINUTES: '600',
      VIGIE_CLOCK_START: new Date(at).toISOString(),
    });
    apiClock = { startedAt: at, wallAt };
    apiUrl = api.url;
  }

  async function signedInClient(email: string): Promise<HttpTestClient> {
    const client = new HttpTestClient(apiUrl);
    const login = await client.login(email, demoPassword);
    if (login.status !== 200) throw new Error(`${email} could not sign in: ${login.status}`);
    return client;
  }

  async function signIn(email: string): Promise<Page> {
    const context = await browser.newContext({
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      viewport: { width: 1440, height: 900 },
    });
    contexts.push(context);
    // The browser lives at the API's instant: the countdowns compare due times with its clock.
    await context.clock.install({ time: apiNow() });
    const page = await context.newPage();
    await page.goto(`${apiUrl}/`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(demoPassword);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
    return page;
  }

  /** A customer mention back-dated to `at` (Paris wall clock on the scenario's day). */
  async function mention(params: { author: string; name: string; text: string; at: string }): Promise<void> {
    await control('/control/users', { username: params.author, name: params.name, lang: 'fr' });
    const [hour, minute] = params.at.split(':').map(Number);
    await control('/control/posts', {
      author: params.author,
      text: params.text,
      lang: 'fr',
      createdAt: scenarioStart.set({ hour, minute }).toISO(),
    });
  }

  const row = (page: Page, name: string) => page.getByTestId('attention-row').filter({ hasText: name });
  const rowNames = (page: Page) =>
    page.locator('[data-testid="attention-row"] .attention-row__customer').allTextContents();

  beforeAll(async () => {
    databaseEnv = await freshDatabaseEnv('console-supervisor');
    [fakeX, port, browser] = await Promise.all([startFakeXProcess(), freePort(), launchChromium()]);
    await startApiAt(scenarioStart.toMillis());
    // Léa and Sam step away and Camille says she is offline: routing hands nothing to them, so the mentions wait in
    // the queue; a supervisor may still give work to away agents, never to offline ones.
    for (const [name, status] of [
      ['lea', 'away'],
      ['sam', 'away'],
      ['camille', 'offline'],
    ] as const) {
      const agent = await signedInClient(`${name}@vigie.demo`);
      const me = await agent.request('PUT', '/api/routing/me/status', { status });
      if (me.status !== 200) throw new Error(`${name} could not set her status: ${me.status}`);
      users[name] = (me.body as RoutingAgentView).userId;
    }
    await mention({
      author: 'sv_pressee',
      name: 'Cliente Pressée',
      text: '@VigieTelecom ma ligne est coupée depuis ce matin, vous êtes là ?',
      at: '10:20',
    });
    await mention({
      author: 'sv_oublie',
      name: 'Client Oublié',
      text: '@VigieTelecom toujours aucune réponse à ma réclamation',
      at: '10:25',
    });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await api?.stop();
    await fakeX?.stop();
    await databaseEnv?.drop();
  });

  it('shows the unanswered conversations amber, then red once the test moves the clock, and reassigns them', async () => {
    const page = await signIn('hugo@vigie.demo');
    await page.goto(`${apiUrl}/supervisor`);
    await page.getByRole('heading', { level: 1, name: 'Tableau SLA' }).waitFor();
    await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();

    // 11:00: both warned at 50 % of their contract hour (the engine's warnings), so amber and at risk, the soonest
    // due first (10:20 is due at 11:20, 10:25 at 11:25).
    for (const name of ['Cliente Pressée', 'Client Oublié'])
      await row(page, name).and(page.locator('[data-state="at_risk"]')).waitFor({ timeout: 20_000 });
    expect(await rowNames(page)).toEqual(['Cliente Pressée', 'Client Oublié']);
    const contractBadge = (name: string) =>
      row(page, name).locator('[data-testid="board-sla"][data-clock="contract"]');
    expect(await contractBadge('Client Oublié').getAttribute('data-level')).toBe('warning');
    expect(await page.getByTestId('attention-counts').textContent()).toBe('0 en retard · 2 en danger');
    // The countdown moves every second (mm:ss under an hour).
    const before = await contractBadge('Client Oublié').textContent();
    expect(before).toMatch(/^Contrat 2\d:\d\d$/);
    await page.waitForFunction(
      (previous) =>
        Array.from(document.querySelectorAll('[data-testid="attention-row"]'))
          .find((element) => element.textContent?.includes('Client Oublié'))
          ?.querySelector('[data-clock="contract"]')?.textContent !== previous,
      before,
    );
    // Sorting by time left the other way puts the most time left first.
    await page.getByTestId('sort-time-left').click();
    await page.getByTestId('attention-row').first().filter({ hasText: 'Client Oublié' }).waitFor();
    expect(await rowNames(page)).toEqual(['Client Oublié', 'Cliente Pressée']);
    expect(await page.locator('th[aria-sort="descending"]').count()).toBe(1);
    await page.getByTestId('sort-time-left').click();
    await page.getByTestId('today-conversations').filter({ hasText: /^2$/ }).waitFor();

    // The test moves the clock: the API stops and starts again 30 minutes later on the same database and port.
    const jumpTo = apiNow() + jumpMinutes * minuteMs;
    await api.stop();
    await startApiAt(jumpTo);
    await page.clock.setSystemTime(apiNow());

    // 11:30: both past the hour in both clocks. The board reconnected by itself and shows them red, breached.
    await page
      .locator('[data-testid="connection-status"][data-state="connected"]')
      .waitFor({ timeout: 30_000 });
    for (const name of ['Cliente Pressée', 'Client Oublié'])
      await row(page, name).and(page.locator('[data-state="breached"]')).waitFor({ timeout: 30_000 });
    await page.getByTestId('attention-counts').filter({ hasText: '2 en retard · 0 en danger' }).waitFor();
    for (const clock of ['customer', 'contract'])
      expect(
        await row(page, 'Client Oublié')
          .locator(`[data-testid="board-sla"][data-clock="${clock}"]`)
          .getAttribute('data-level'),
      ).toBe('breached');
    expect(await contractBadge('Client Oublié').textContent()).toMatch(/^Contrat −\d+:\d\d$/);
    // Not only the browser's clock: the restarted API's Breached view lists both.
    const breached = await page.evaluate(async () => {
      const response = await fetch('/api/inbox/conversations?view=breached');
      return ((await response.json()) as InboxPage).items.map((item) => item.contact.displayName);
    });
    expect(breached.sort()).toEqual(['Client Oublié', 'Cliente Pressée']);

    // Both go to Léa (away, so routing would not have given her anything): one bulk reassignment.
    await page.getByRole('checkbox', { name: 'Sélectionner toutes les conversations affichées' }).check();
    expect(await page.getByText('Sélection : 2').count()).toBe(1);
    await page.getByTestId('bulk-reassign-target').selectOption(users.lea);
    await page.getByTestId('bulk-reassign-submit').click();
    await page
      .getByTestId('bulk-reassign-outcome')
      .filter({ hasText: 'Réassignées à Léa Bernard : 2.' })
      .waitFor();
    for (const name of ['Cliente Pressée', 'Client Oublié'])
      await row(page, name).getByTestId('attention-assignee').filter({ hasText: 'Léa Bernard' }).waitFor();
    const lea = page.locator(`[data-testid="agent-row"][data-agent-id="${users.lea}"]`);
    await lea
      .getByTestId('agent-load')
      .filter({ hasText: /^2 \/ \d+$/ })
      .waitFor();
    expect(await lea.getByTestId('agent-status').getAttribute('data-status')).toBe('away');

    // The reasons: the conversation's routing and its history, in routing's words.
    await row(page, 'Client Oublié').getByRole('button', { name: 'Client Oublié' }).click();
    const routing = page.getByTestId('conversation-routing');
    await routing.getByRole('heading', { name: 'Affectation : Client Oublié' }).waitFor();
    await routing.getByTestId('routing-assignee').filter({ hasText: 'Léa Bernard' }).waitFor();
    const history = routing.getByTestId('routing-history');
    await history.filter({ hasText: 'Reassigned by a supervisor to Léa Bernard' }).waitFor();
    expect(await history.textContent()).toContain('Réassignée');
    await page
      .getByTestId('assignment-log-entry')
      .filter({ hasText: 'Reassigned by a supervisor to Léa Bernard' })
      .first()
      .waitFor();

    // One conversation moves on its own (transfer): to Sam, away too; offline Camille cannot be chosen.
    const camilleRow = page.locator(`[data-testid="agent-row"][data-agent-id="${users.camille}"]`);
    expect(await camilleRow.getByTestId('agent-status').getAttribute('data-status')).toBe('offline');
    await row(page, 'Cliente Pressée').getByRole('button', { name: 'Cliente Pressée' }).click();
    await routing.getByRole('heading', { name: 'Affectation : Cliente Pressée' }).waitFor();
    expect(await routing.locator(`option[value="${users.camille}"]`).isDisabled()).toBe(true);
    await routing.getByLabel('Réassigner cette conversation').selectOption(users.sam);
    await routing.getByTestId('transfer-submit').click();
    await routing.getByText('Conversation réassignée à Sam Taylor.').waitFor();
    await row(page, 'Cliente Pressée')
      .getByTestId('attention-assignee')
      .filter({ hasText: 'Sam Taylor' })
      .waitFor();
    await routing.getByTestId('routing-history').filter({ hasText: 'Transferred to Sam Taylor' }).waitFor();

    // Camille's capacity, inline: 3 from now on.
    await camilleRow.getByTestId('capacity-input').fill('3');
    await camilleRow.getByTestId('capacity-save').click();
    await page
      .getByTestId('capacity-outcome')
      .filter({ hasText: 'Capacité de Camille Martin : 3.' })
      .waitFor();
    await camilleRow.getByTestId('agent-load').filter({ hasText: '0 / 3' }).waitFor();
    const agents = await page.evaluate(
      async () => (await (await fetch('/api/routing/agents')).json()) as RoutingAgentView[],
    );
    expect(agents.find((agent) => agent.userId === users.camille)?.capacity).toBe(3);
    const routed = await page.evaluate(
      async (id) =>
        (await (await fetch(`/api/routing/conversations/${id}`)).json()) as RoutingConversationView,
      await row(page, 'Client Oublié').getAttribute('data-conversation-id'),
    );
    expect(routed.assigneeId).toBe(users.lea);

    // Customers' mentions per hour: the two of 10:xx in the last 24 hours' chart.
    const volume = page.getByTestId('volume-chart');
    await volume.locator('summary').click();
    await volume
      .locator('tr')
      .filter({ hasText: '10:00' })
      .locator('td')
      .first()
      .filter({ hasText: /^2$/ })
      .waitFor();

    await volume.locator('summary').click();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // The board scrolls within the page: its top (today, the table, the agents) is the picture.
    await page.getByTestId('supervisor-board').evaluate((board) => board.scrollTo(0, 0));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'supervisor-board');
    mkdirSync(join(workspaceRoot, 'docs/images'), { recursive: true });
    copyFileSync(
      join(screenshotDir, 'supervisor-board.png'),
      join(workspaceRoot, 'docs/images/supervisor-board.png'),
    );
  });

  it('shows ops the board without the agents and the routing actions the API keeps from them', async () => {
    const page = await signIn('ines@vigie.demo');
    await page.goto(`${apiUrl}/supervisor`);
    for (const name of ['Cliente Pressée', 'Client Oublié'])
      await row(page, name).and(page.locator('[data-state="breached"]')).waitFor();
    await page.getByTestId('today-conversations').filter({ hasText: '2' }).waitFor();
    await page.getByTestId('volume-chart').waitFor();
    expect(await page.getByTestId('attention-select').count()).toBe(0);
    expect(await page.getByTestId('agents-table').count()).toBe(0);
    expect(await page.getByText('réservés aux superviseurs et aux administrateurs').count()).toBe(1);
    // Nothing it reads is refused: no error on the board.
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('keeps agents out of the supervisor board and the administration', async () => {
    const page = await signIn('camille@vigie.demo');
    for (const path of ['/supervisor', '/admin']) {
      await page.goto(`${apiUrl}${path}`);
      await page.getByTestId('forbidden').waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Accès refusé');
      expect(await page.getByTestId('supervisor-board').count()).toBe(0);
    }
    // The API refuses the board's data to agents whatever the console shows.
    const figures = await page.evaluate(async () => (await fetch('/api/sla/figures?groupBy=hour')).status);
    const volume = await page.evaluate(async () => (await fetch('/api/inbox/volume')).status);
    expect([figures, volume]).toEqual([403, 403]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'supervisor-forbidden-for-agents');
  });
});
