import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { BrandSummary, CannedAnswerList, SlaPolicyView, UserSummary } from '@vigie/contracts';
import {
  readJsonInPage,
  saveScreenshot,
  screenshotDir,
  seriousAccessibilityViolations,
} from './support/browser';
import { type ConsoleStack, signInConsole, startConsoleStack } from './support/console-stack';
import { workspaceRoot } from './support/processes';

/**
 * The administration pages in chromium, against the built API and the built fake X: the demo admin creates a team
 * and an agent, edits the demo brand's calendar (a lunch break and a holiday) with the due-time preview, a canned
 * answer and the out-of-hours template; an agent is refused. The preview works on dates it is given (Thursday
 * 14 November 2030 and the Monday after), not on today's.
 */
describe('the administration pages in chromium (built API, built fake X)', () => {
  let stack: ConsoleStack;
  const pages: Page[] = [];

  beforeAll(async () => {
    stack = await startConsoleStack('console-admin');
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function signIn(email: string): Promise<Page> {
    const page = await signInConsole(stack, { email });
    pages.push(page);
    return page;
  }

  /** Opens an admin page from the side nav and waits for its heading and its data. */
  async function openAdminPage(page: Page, path: string, heading: string): Promise<void> {
    await page.getByTestId(`admin-nav-${path}`).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.waitForFunction(
      () => document.querySelectorAll('main [role="status"]:not(.admin-saved)').length === 0,
    );
  }

  async function demoBrand(page: Page): Promise<BrandSummary> {
    const brands = await readJsonInPage<BrandSummary[]>(page, '/api/brands');
    const brand = brands.find((item) => item.name === 'Vigie Telecom');
    if (!brand) throw new Error('no demo brand');
    return brand;
  }

  it('gives an agent the forbidden page, not the administration', async () => {
    const page = await signIn('camille@vigie.demo');
    expect(await page.getByTestId('section-administration').count()).toBe(0);
    await page.goto(`${stack.api.url}/admin/users`);
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Accès refusé');
    expect(await page.getByTestId('admin-page').count()).toBe(0);
  });

  it('lets the admin create a team and an agent, telling what to fix before and after sending', async () => {
    const page = await signIn('admin@vigie.demo');
    await page.getByTestId('section-administration').click();
    await page.getByRole('heading', { level: 1, name: 'Utilisateurs et équipes' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/users');

    const teamForm = page.getByTestId('team-create-form');
    await teamForm.getByTestId('team-name').fill('care fr');
    await teamForm.getByTestId('team-create').click();
    await teamForm.getByText('Ce nom est déjà pris.').waitFor();
    await teamForm.getByTestId('team-name').fill('Care Pro');
    await teamForm.getByTestId('team-create').click();
    await page.locator('[data-testid="team-item"][data-team="Care Pro"]').waitFor();
    expect(await teamForm.getByTestId('team-name').inputValue()).toBe('');

    await page.getByTestId('user-new').click();
    const form = page.getByTestId('user-create-form');
    await form.getByTestId('user-email').fill('camille@vigie.demo');
    await form.getByTestId('user-display-name').fill('Nadia Haddad');
    await form.getByTestId('user-password').fill('court');
    await form.getByTestId('user-save').click();
    await form.getByText('Au moins 12 caractères.').waitFor();
    expect(await form.getByTestId('user-password').getAttribute('aria-invalid')).toBe('true');

    // A valid form the API refuses: its message is shown as it is.
    await form.getByTestId('user-password').fill('un-mot-de-passe-assez-long');
    await form.getByTestId('user-languages').fill('fr, en');
    await form.getByTestId('user-skills').fill('facturation');
    await form.getByLabel('Care Pro').check();
    await form.getByTestId('user-save').click();
    const refusal = form.getByTestId('admin-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('A user with the email camille@vigie.demo already exists.');

    await form.getByTestId('user-email').fill('nadia@vigie.demo');
    await form.getByTestId('user-save').click();
    const row = page.locator('[data-testid="user-row"][data-email="nadia@vigie.demo"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Care Pro');
    expect(await row.textContent()).toContain('Agent');
    expect(await page.getByTestId('admin-saved').textContent()).toBe('Nadia Haddad a été créé.');
    await page.locator('[data-testid="team-item"][data-team="Care Pro"]').getByText('1 membre(s)').waitFor();

    const users = await readJsonInPage<UserSummary[]>(page, '/api/users');
    expect(users.find((user) => user.email === 'nadia@vigie.demo')).toMatchObject({
      role: 'agent',
      languages: ['fr', 'en'],
      skills: ['facturation'],
      teams: [{ name: 'Care Pro' }],
      isActive: true,
    });
  });

  it('shows the brand’s X account and its status; disconnects and reconnects it', async () => {
    const page = await signIn('admin@vigie.demo');
    await page.goto(`${stack.api.url}/admin/brands`);
    const account = page.locator(
      '[data-testid="brand-card"][data-brand="Vigie Telecom"] [data-testid="account-row"][data-handle="VigieTelecom"]',
    );
    const status = account.getByTestId('account-status');
    await status.filter({ hasText: /^Connecté$/ }).waitFor();
    await account.getByTestId('account-disconnect').click();
    await status.filter({ hasText: /^Déconnecté$/ }).waitFor();
    await account.getByTestId('account-reconnect').click();
    await status.filter({ hasText: /^Connecté$/ }).waitFor();
    await page.getByTestId('admin-saved').filter({ hasText: '@VigieTelecom est reconnecté.' }).waitFor();
  });

  it('edits the brand’s calendar (a lunch break, a holiday) and previews the due time before and after saving', async () => {
    const page = await signIn('admin@vigie.demo');
    await page.goto(`${stack.api.url}/admin/calendars`);
    const form = page.getByTestId('calendar-form');
    await form.waitFor();
    // The demo brand runs on the built-in default (Mon-Fri 09:00-19:00): saving creates its own policy.
    expect(await page.getByTestId('policy-new-name').inputValue()).toBe('Standard');

    await page.getByTestId('calendar-break-apply').click();
    expect(await page.getByTestId('calendar-day-mon').getByTestId('calendar-range').count()).toBe(2);
    expect(await page.getByTestId('calendar-day-sat').getByTestId('calendar-range').count()).toBe(0);
    await page.getByTestId('calendar-holiday-date').fill('2030-11-15');
    await page.getByTestId('calendar-holiday-add').click();
    expect(await page.locator('[data-testid="calendar-holiday"][data-date="2030-11-15"]').count()).toBe(1);

    // Thursday 18:30: 30 minutes on Thursday, Friday is now a holiday, 30 minutes on Monday → Monday 09:30.
    const preview = page.getByTestId('due-preview');
    const contractDue = preview.getByTestId('preview-contract-due');
    const showsDue = async (date: string, time: string, dueAt: string) => {
      await preview.getByTestId('preview-date').fill(date);
      await preview.getByTestId('preview-time').fill(time);
      await page.locator(`[data-testid="preview-contract-due"][data-due-at="${dueAt}"]`).waitFor();
    };
    await showsDue('2030-11-14', '18:30', '2030-11-18T08:30:00.000Z');
    expect(await contractDue.textContent()).toMatch(/lundi 18 novembre 2030.*09:30/);
    expect(await preview.getByTestId('preview-customer-due').getAttribute('data-due-at')).toBe(
      '2030-11-14T18:30:00.000Z',
    );
    // Monday 11:30: 30 minutes before lunch, 30 after → 14:30.
    await showsDue('2030-11-18', '11:30', '2030-11-18T13:30:00.000Z');
    await showsDue('2030-11-18', '12:30', '2030-11-18T14:00:00.000Z');
    expect(await preview.getByTestId('preview-open-state').textContent()).toBe('fermé');

    await page.getByTestId('calendar-save').click();
    await page
      .getByTestId('admin-saved')
      .filter({ hasText: 'Calendrier de « Standard » enregistré' })
      .waitFor();
    // The page now edits the brand's own policy, version 1.
    await page.locator('[data-testid="calendar-form"][data-policy="Standard"][data-version="1"]').waitFor();
    expect(new URL(page.url()).searchParams.get('policy')).toBe('Standard');
    await showsDue('2030-11-14', '18:30', '2030-11-18T08:30:00.000Z');
    // The page scrolls inside its main column: the screenshot shows its top, the preview beside it.
    await page.evaluate(() => document.querySelector('main')?.scrollTo(0, 0));
    await saveScreenshot(page, 'admin-calendar');
    // docs/console.md shows it.
    mkdirSync(join(workspaceRoot, 'docs/images'), { recursive: true });
    copyFileSync(
      join(screenshotDir, 'admin-calendar.png'),
      join(workspaceRoot, 'docs/images/admin-calendar.png'),
    );

    const brand = await demoBrand(page);
    const policies = await readJsonInPage<SlaPolicyView[]>(page, `/api/brands/${brand.id}/sla-policies`);
    expect(policies.map((policy) => policy.name)).toEqual(['Standard']);
    expect(policies[0].spec.calendar.weekly.mon).toEqual([
      ['09:00', '12:00'],
      ['14:00', '19:00'],
    ]);
    expect(policies[0].spec.calendar.holidays).toContain('2030-11-15');
    // The targets and templates came along unchanged.
    expect(policies[0].spec.targets.first_response).toMatchObject({ minutes: 60, hours: 'business' });
  });

  it('edits a canned answer, refusing an unknown variable first', async () => {
    const page = await signIn('admin@vigie.demo');
    await page.goto(`${stack.api.url}/admin/canned-answers`);
    const item = page.locator('[data-testid="canned-item"][data-title="Panne réseau"]');
    await item.getByTestId('canned-edit').click();
    const form = page.getByTestId('canned-form');
    await form.getByTestId('canned-body-input').fill('Bonjour {{client}}, la panne est localisée.');
    await form.getByTestId('canned-save').click();
    await form.getByText('Variables inconnues : {{client}}.').waitFor();

    const body =
      'Bonjour {{customer.name}}, la panne est localisée : retour du réseau dans l’heure. {{agent.name}}';
    await form.getByTestId('canned-body-input').fill(body);
    expect(await form.getByTestId('canned-example').textContent()).toBe(
      'Bonjour Camille Dupont, la panne est localisée : retour du réseau dans l’heure. Léa',
    );
    await form.getByTestId('canned-save').click();
    await page
      .getByTestId('admin-saved')
      .filter({ hasText: 'Réponse « Panne réseau » enregistrée.' })
      .waitFor();
    await item.getByTestId('canned-body').filter({ hasText: 'la panne est localisée' }).waitFor();
    expect(await item.getByTestId('canned-body').textContent()).toBe(body);

    const brand = await demoBrand(page);
    const { items } = await readJsonInPage<CannedAnswerList>(
      page,
      `/api/canned-answers?brandId=${brand.id}&language=fr`,
    );
    expect(items.find((answer) => answer.title === 'Panne réseau')).toMatchObject({
      body,
      shortcut: 'panne',
      variables: ['customer.name', 'agent.name'],
    });
  });

  it('edits the French out-of-hours answer and shows what a customer writing on Thursday night reads', async () => {
    const page = await signIn('admin@vigie.demo');
    await page.goto(`${stack.api.url}/admin/out-of-hours`);
    const form = page.locator('[data-testid="out-of-hours-form"][data-policy="Standard"]');
    await form.waitFor();
    expect(await page.getByTestId('picker-policy').inputValue()).toBe('Standard');

    const french = form.getByTestId('out-of-hours-template-fr');
    await french.fill('Nous revenons bientôt.');
    await form.getByTestId('out-of-hours-save').click();
    await form.getByText('Le texte doit dire quand l’équipe revient avec {reopensAt}.').waitFor();

    await french.fill('Bonjour ! L’équipe revient {reopensAt}.');
    const preview = page.getByTestId('auto-answer-preview');
    await preview.getByTestId('auto-answer-date').fill('2030-11-14');
    await preview.getByTestId('auto-answer-time').fill('20:00');
    // Friday 15 is the holiday added above: back on Monday.
    await preview
      .getByTestId('auto-answer-fr')
      .getByTestId('auto-answer-text')
      .filter({ hasText: 'Bonjour ! L’équipe revient lundi à 9h.' })
      .waitFor();
    expect(
      await preview.getByTestId('auto-answer-en').getByTestId('auto-answer-text').textContent(),
    ).toContain('on Monday at 9:00');
    await form.getByTestId('out-of-hours-save').click();
    await page
      .getByTestId('admin-saved')
      .filter({ hasText: 'Réponses hors horaires de « Standard » enregistrées' })
      .waitFor();

    const brand = await demoBrand(page);
    const [policy] = await readJsonInPage<SlaPolicyView[]>(page, `/api/brands/${brand.id}/sla-policies`);
    expect(policy.spec.outOfHours).toMatchObject({
      isEnabled: true,
      templates: { fr: 'Bonjour ! L’équipe revient {reopensAt}.' },
    });
    // The calendar saved on its page is still there.
    expect(policy.spec.calendar.holidays).toContain('2030-11-15');
  });

  it('has no serious or critical accessibility violation on any administration page', async () => {
    const page = await signIn('admin@vigie.demo');
    await page.goto(`${stack.api.url}/admin`);
    const pagesToCheck: [string, string][] = [
      ['users', 'Utilisateurs et équipes'],
      ['brands', 'Marques et comptes X'],
      ['calendars', 'Calendriers et jours fériés'],
      ['sla', 'Politiques SLA'],
      ['routing', 'Routage'],
      ['canned-answers', 'Réponses types'],
      ['out-of-hours', 'Réponses hors horaires'],
    ];
    for (const [path, heading] of pagesToCheck) {
      await openAdminPage(page, path, heading);
      expect({ path, violations: await seriousAccessibilityViolations(page) }).toEqual({
        path,
        violations: [],
      });
    }
    // The forms opened too: a new user, a new SLA policy, a canned answer being written.
    await openAdminPage(page, 'users', 'Utilisateurs et équipes');
    await page.getByTestId('user-new').click();
    await page.getByTestId('user-create-form').waitFor();
    await openAdminPage(page, 'sla', 'Politiques SLA');
    await page.getByTestId('sla-new').click();
    await page.getByTestId('sla-form').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await openAdminPage(page, 'canned-answers', 'Réponses types');
    await page.getByTestId('canned-new').click();
    await page.getByTestId('canned-form').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
