import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import type { SpikeIncidentView, SpikeLinkedConversationPage } from '@vigie/contracts';
import { frenchPublicHolidays } from '@vigie/sla-core';
import { readJsonInPage, saveScreenshot, seriousAccessibilityViolations } from './support/browser';
import { type ConsoleStack, signInConsole, startConsoleStack } from './support/console-stack';

type Posted = {
  tweets: { id: string; text: string; in_reply_to_tweet_id: string | null }[];
  dms: { id: string; dm_conversation_id: string; text: string }[];
};
type ScenarioStatus = { data: { isRunning: boolean; emitted: number } };

/**
 * 10:00 in Paris on the next Tuesday that is not a French public holiday: office hours for the demo brand (no
 * automatic out-of-hours answer), and a fixed point of the demo feed's daily rhythm. Computed rather than written
 * down: the browser keeps the session cookie only while its expiry, stamped by the API's clock, is ahead of the
 * real date.
 */
function nextOpenTuesdayAt10(): DateTime {
  let day = DateTime.now().setZone('Europe/Paris').startOf('day').plus({ days: 1 });
  const holidays = new Set(frenchPublicHolidays(day.year, day.year + 1));
  while (day.weekday !== 2 || holidays.has(day.toISODate() ?? '')) day = day.plus({ days: 1 });
  return day.set({ hour: 10 });
}

const scenarioStart = nextOpenTuesdayAt10();
const clockStart = scenarioStart.toISO() as string;
const frenchAnswer =
  'Panne réseau en cours dans votre secteur : nos équipes sont dessus, retour prévu vers 13 h.';
const englishAnswer = 'Network outage in your area: our teams are on it, service expected back around 1 pm.';
/** The outage scenario: 6 ordinary posts, the burst of 60 outage posts (about 5 minutes), 8 recovery posts. */
const outageScenario = { mode: 'outage', seed: 7, rate: 0.5, count: 74 };
const minutes = (count: number) => count * 60_000;

/**
 * Issue 7's proof in chromium, on the built API and the built fake X, both clocks on a Tuesday morning: the API
 * lays the demo feed's last two days (VIGIE_DEMO_SPIKE_HISTORY_HOURS, as `npm start` does), so the detector is
 * warm; fake X plays its outage scenario; the ops console shows the incident appear live, ops write one answer in
 * French and English, fake X receives exactly one reply per customer, and the console shows the delivery reach
 * its end, without a reload.
 */
describe('the ops view during an outage in chromium (built API, built fake X)', () => {
  let stack: ConsoleStack;
  let startedAt: number;
  const pages: Page[] = [];

  beforeAll(async () => {
    startedAt = Date.now();
    stack = await startConsoleStack('ops-outage', {
      clockStart,
      apiEnv: { VIGIE_DEMO_SPIKE_HISTORY_HOURS: '48' },
    });
    await stack.control('/control/users', {
      username: 'ops_hostile',
      name: 'Hostile <b>Customer</b>',
      lang: 'fr',
    });
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function signIn(email: string): Promise<Page> {
    // The browser lives at the API's instant too ("today" in the lists, the next send time).
    const page = await signInConsole(stack, {
      email,
      viewport: { width: 1440, height: 1000 },
      clockAtMs: Date.parse(clockStart) + (Date.now() - startedAt),
    });
    pages.push(page);
    return page;
  }

  async function waitUntil(
    condition: () => Promise<boolean>,
    what: string,
    timeoutMs: number,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  const expectAccessible = async (page: Page) =>
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

  it(
    'opens an incident live on the outage burst; one answer reaches each customer once and the progress ends',
    async () => {
      const page = await signIn('ines@vigie.demo');
      await page.getByTestId('section-ops').click();
      await page.getByTestId('ops-page').waitFor();
      // The detector read the laid history (its first scan comes 15 s after the start): the band is drawn.
      await page
        .locator('[data-testid="volume-chart"][data-has-baseline="true"]')
        .waitFor({ timeout: minutes(2) });
      await page.getByTestId('incident-list-empty').waitFor();
      await expectAccessible(page);
      // A reload would drop this mark: the incident must come in live.
      await page.evaluate(() => {
        document.body.dataset['opsMark'] = 'live';
      });

      await stack.control('/control/scenario', outageScenario);
      const row = page.locator('[data-testid="incident-row"][data-topic="outage"]');
      await row.waitFor({ timeout: minutes(10) });
      expect(await page.evaluate(() => document.body.dataset['opsMark'])).toBe('live');
      expect(await page.getByTestId('ops-announcer').textContent()).toContain('Nouvel incident');
      const incidentId = (await row.getAttribute('data-incident-id')) ?? '';

      // The outage series, its alert marked on the chart.
      await page.getByTestId('volume-topic').selectOption('outage');
      await page
        .locator('[data-testid="volume-chart"][data-topic="outage"] [data-testid="volume-alert"]')
        .first()
        .waitFor({ timeout: minutes(1) });

      await row.getByRole('link').click();
      const incidentPage = page.locator(`[data-testid="incident-page"][data-incident-id="${incidentId}"]`);
      await incidentPage.waitFor();
      expect(await page.getByTestId('incident-samples').locator('blockquote').count()).toBeGreaterThan(0);
      await page.getByTestId('incident-acknowledge').click();
      await page.locator('[data-testid="incident-status"][data-status="acknowledged"]').waitFor();

      // The scenario ends; a hostile post on the topic is linked too, and shown as text.
      await waitUntil(
        async () => !(await stack.control<ScenarioStatus>('/control/scenario')).data.isRunning,
        'the outage scenario to end',
        minutes(5),
      );
      await stack.control('/control/posts', {
        author: 'ops_hostile',
        text: '@VigieTelecom panne réseau <img src=x onerror="document.body.dataset.pwned=1"> encore',
        lang: 'fr',
      });
      const hostile = page.getByTestId('linked-conversation').filter({ hasText: '<img src=x onerror=' });
      await hostile.waitFor({ timeout: minutes(1) });
      expect(await page.evaluate(() => document.body.dataset['pwned'])).toBeUndefined();

      // Ops answer everyone, in French and in English, in the browser.
      await page.getByTestId('composer-fr').fill(frenchAnswer);
      await page.getByTestId('composer-en').fill(englishAnswer);
      await page.getByTestId('composer-submit').click();
      await page.locator('[data-testid="composer-outcome"]').filter({ hasText: 'en route' }).waitFor();

      // The delivery moves live to its end: every linked conversation reached (sent or skipped), none failed.
      const answer = page.getByTestId('bulk-answer').first();
      await waitUntil(
        async () => {
          const linked = Number(await page.getByTestId('incident-linked-count').textContent());
          return (
            (await answer.getAttribute('data-state')) === 'done' &&
            Number(await answer.getAttribute('data-total')) === linked
          );
        },
        'the bulk answer to reach every linked conversation',
        minutes(3),
      );
      expect(await page.evaluate(() => document.body.dataset['opsMark'])).toBe('live');
      expect(await answer.getAttribute('data-failed')).toBe('0');
      const sent = Number(await answer.getAttribute('data-sent'));
      expect(sent).toBeGreaterThan(5);

      // Fake X received each reply once: one public reply per customer of a linked public conversation (after
      // their @handle), one DM per linked DM conversation, and nothing twice.
      const incident = await readJsonInPage<SpikeIncidentView>(page, `/api/spikes/incidents/${incidentId}`);
      const linked = await readJsonInPage<SpikeLinkedConversationPage>(
        page,
        `/api/spikes/incidents/${incidentId}/conversations?limit=200`,
      );
      expect(linked.total).toBe(incident.linkedConversationCount);
      const posted = await stack.control<Posted>('/control/posted');
      const isAnswer = (text: string) => text.endsWith(frenchAnswer) || text.endsWith(englishAnswer);
      const replies = posted.tweets.filter((tweet) => isAnswer(tweet.text));
      const repliedHandles = replies.map((reply) => reply.text.split(' ')[0].slice(1));
      expect(new Set(repliedHandles).size).toBe(replies.length);
      const publicCustomers = new Set(
        linked.conversations
          .filter((conversation) => conversation.kind === 'public_thread')
          .map((conversation) => conversation.customerHandle),
      );
      expect(new Set(repliedHandles)).toEqual(publicCustomers);
      expect(publicCustomers.has('ops_hostile')).toBe(true);
      const dms = posted.dms.filter((dm) => isAnswer(dm.text));
      expect(new Set(dms.map((dm) => dm.dm_conversation_id)).size).toBe(dms.length);
      expect(dms).toHaveLength(linked.conversations.filter((item) => item.kind === 'direct_message').length);
      expect(replies.length + dms.length).toBe(sent);
      expect(new Set(replies.map((reply) => reply.in_reply_to_tweet_id)).size).toBe(replies.length);

      await expectAccessible(page);
      await saveScreenshot(page, 'ops-incident');
    },
    minutes(16),
  );
});
