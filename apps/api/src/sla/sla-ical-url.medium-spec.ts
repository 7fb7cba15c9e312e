import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import type { SlaPolicyView } from '@vigie/contracts';
import { DomainError } from '@vigie/kernel';
import { IcalUrlFetcher } from '@vigie/sla-server';
import { ApiClient, type ApiTestContext, startApiForTest } from '../testing/api-test-context';

/**
 * Holidays imported from an iCalendar URL (docs/adr/0108-ical-holidays-from-a-url.md), against a real HTTP server
 * started here on 127.0.0.1: plain http to a loopback address is accepted because the test API does not run in
 * production (`NODE_ENV` unset); the production rules are checked on a fetcher built with them.
 */
const calendar = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20261225',
  'SUMMARY:Noël',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20261111',
  'DTEND;VALUE=DATE:20261112',
  'SUMMARY:Armistice',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { 'content-type': type });
  response.end(body);
}

describe('SLA holidays from an iCalendar URL (real database, a real local HTTP server)', () => {
  let context: ApiTestContext;
  let server: Server;
  let base = '';
  let closedPortUrl = '';
  let admin: ApiClient;
  let path = '';
  let requests = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests += 1;
      switch (request.url) {
        case '/fr.ics':
          return send(response, 200, 'text/calendar; charset=utf-8', calendar);
        case '/moved.ics':
          response.writeHead(302, { location: '/fr.ics' });
          return response.end();
        case '/loop.ics':
          response.writeHead(302, { location: '/loop.ics' });
          return response.end();
        case '/page.html':
          return send(response, 200, 'text/html', '<html><body>Holidays</body></html>');
        case '/hello.ics':
          return send(response, 200, 'text/calendar', 'hello');
        case '/big.ics': {
          // Streamed without a length: the cap must hold while reading, not only on a declared size.
          response.writeHead(200, { 'content-type': 'text/calendar' });
          const line = Buffer.from(`${'X'.repeat(1023)}\n`);
          let sent = 0;
          const pump = () => {
            while (sent < 1200 && response.write(line)) sent += 1;
            if (sent >= 1200) response.end();
            else response.once('drain', pump);
          };
          response.on('error', () => undefined);
          return pump();
        }
        case '/slow.ics':
          // Headers, then nothing: only the deadline ends this.
          response.writeHead(200, { 'content-type': 'text/calendar' });
          return response.write('BEGIN:VCALENDAR\r\n');
        default:
          return send(response, 404, 'text/plain', 'not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A port nobody listens on: taken, then given back.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    closedPortUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/fr.ics`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    context = await startApiForTest();
    admin = new ApiClient(context.url);
    await admin.login('admin@vigie.demo');
    const dataSource = context.vigie.app.get(DataSource);
    const [brand] = (await dataSource.query(
      `INSERT INTO brand (name, default_language) VALUES ('Calendrier', 'fr') RETURNING id`,
    )) as { id: string }[];
    path = `/api/brands/${brand?.id}/sla-policies/Paris`;
    const created = await admin.request('PUT', path, {
      calendar: { timezone: 'Europe/Paris', weekly: { mon: [['09:00', '18:00']] }, holidays: ['2026-01-01'] },
      targets: { first_response: { minutes: 60, hours: 'business' } },
    });
    expect(created.status).toBe(200);
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await context?.close();
  });

  const importFrom = (client: ApiClient, url: unknown, target = path) =>
    client.request('POST', `${target}/holidays/ical-url`, { url });

  it('adds the all-day events of the feed to the policy (admin only), following a redirect', async () => {
    expect((await importFrom(new ApiClient(context.url), `${base}/fr.ics`)).status).toBe(401);
    const supervisor = new ApiClient(context.url);
    await supervisor.login('hugo@vigie.demo');
    const before = requests;
    expect((await importFrom(supervisor, `${base}/fr.ics`)).status).toBe(403);
    expect((await importFrom(admin, `${base}/fr.ics`, path.replace(/Paris$/, 'Nowhere'))).status).toBe(404);
    expect(requests).toBe(before); // refused before anything was fetched

    const imported = await importFrom(admin, `${base}/moved.ics`);
    expect(imported.status).toBe(200);
    expect(imported.body as SlaPolicyView).toMatchObject({
      version: 2,
      spec: { calendar: { holidays: ['2026-01-01', '2026-11-11', '2026-12-25'] } },
    });
  });

  it.each([
    [
      'a page that is not a calendar',
      '/page.html',
      'not_a_calendar',
      'sent text/html (expected text/calendar)',
    ],
    [
      'a calendar type with no calendar in it',
      '/hello.ics',
      'not_a_calendar',
      'did not return a usable iCalendar file',
    ],
    ['a feed larger than 1 MB', '/big.ics', 'too_large', 'The calendar is larger than 1 MB'],
    ['a missing feed', '/missing.ics', 'http_status', 'answered 404 Not Found'],
    ['endless redirects', '/loop.ics', 'too_many_redirects', 'redirects more than 3 times'],
  ])('answers 400 for %s', async (_name, feed, reason, fragment) => {
    const response = await importFrom(admin, `${base}${feed}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: reason });
    expect((response.body as { message: string }).message).toContain(fragment);
  });

  it.each([
    ['an unreachable server', () => closedPortUrl, 'unreachable', 'is unreachable (ECONNREFUSED)'],
    ['plain http to another host', () => 'http://example.org/fr.ics', 'insecure_url', 'url must use https'],
    ['another scheme', () => 'ftp://127.0.0.1/fr.ics', 'insecure_url', 'url must use https'],
    ['a private address', () => 'https://10.1.2.3/fr.ics', 'forbidden_address', 'a private or local address'],
    [
      'credentials in the URL',
      () => 'https://me:secret@example.org/fr.ics',
      'invalid_url',
      'user name or password',
    ],
    ['not a URL', () => 'holidays.ics', 'invalid_url', 'absolute https URL'],
  ])('answers 400 for %s, without echoing the URL', async (_name, url, reason, fragment) => {
    const response = await importFrom(admin, url());
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: reason });
    const message = (response.body as { message: string }).message;
    expect(message).toContain(fragment);
    expect(message).not.toContain('secret');
    expect(message).not.toContain('/fr.ics');
  });

  it('answers 400 with the class-validator message when url is missing', async () => {
    const response = await admin.request('POST', `${path}/holidays/ical-url`, {});
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('url must be a text');
  });

  it('gives up at the deadline on a server that never finishes', async () => {
    const fetcher = new IcalUrlFetcher({
      timeoutMs: 300,
      maxBytes: 1_000_000,
      maxRedirects: 3,
      isLoopbackAllowed: true,
    });
    const started = Date.now();
    const error = await fetcher.fetch(`${base}/slow.ics`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'invalid', details: { reason: 'timeout' } });
    expect((error as DomainError).message).toBe(
      'Could not fetch the calendar: no complete answer within 0.3 s.',
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('in production, refuses plain http and loopback addresses, even behind https', async () => {
    const production = new IcalUrlFetcher({
      timeoutMs: 2_000,
      maxBytes: 1_000_000,
      maxRedirects: 3,
      isLoopbackAllowed: false,
    });
    await expect(production.fetch(`${base}/fr.ics`)).rejects.toMatchObject({
      details: { reason: 'insecure_url' },
    });
    await expect(production.fetch(base.replace('http://', 'https://') + '/fr.ics')).rejects.toMatchObject({
      details: { reason: 'forbidden_address' },
    });
    await expect(production.fetch('https://localhost/fr.ics')).rejects.toMatchObject({
      details: { reason: 'forbidden_address' },
    });
  });
});
