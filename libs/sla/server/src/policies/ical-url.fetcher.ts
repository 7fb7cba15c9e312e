import { Inject, Injectable } from '@nestjs/common';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { DomainError } from '@vigie/kernel';
import type { AppConfig } from '@vigie/server';

export type IcalFetchOptions = {
  /** The whole fetch, redirects and body included. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /**
   * Plain `http` and loopback addresses (127.0.0.0/8, ::1, localhost), for tests and local development only:
   * outside production. Private, link-local and other special addresses are refused everywhere.
   */
  isLoopbackAllowed: boolean;
};
export const SLA_ICAL_FETCH_OPTIONS = Symbol('SLA_ICAL_FETCH_OPTIONS');

/** 10 s, 1 MB (a national holiday feed is a few kB), 3 redirects; loopback only outside production. */
export function icalFetchOptionsFor(config: Pick<AppConfig, 'environment'>): IcalFetchOptions {
  return {
    timeoutMs: 10_000,
    maxBytes: 1_000_000,
    maxRedirects: 3,
    isLoopbackAllowed: config.environment !== 'production',
  };
}

/** Content types a calendar feed is served with; anything else (HTML, JSON, images) is not a calendar. */
const calendarTypes = [
  'text/calendar',
  'application/ics',
  'text/x-vcalendar',
  'application/octet-stream',
  'text/plain',
];

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Addresses an admin's URL must never reach from the server (SSRF): private, link-local, special ranges. */
const forbidden = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  forbidden.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  forbidden.addSubnet(network, prefix, 'ipv6');

function refused(reason: string, message: string): DomainError {
  return new DomainError({ code: 'invalid', message, details: { reason } });
}

/** An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it carries. */
function normalised(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return { address: mapped[1], family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

function isLoopbackAddress(address: string): boolean {
  const { address: plain, family } = normalised(address);
  return loopback.check(plain, family);
}

/**
 * Fetches an iCalendar feed for the holiday import (docs/adr/0108-ical-holidays-from-a-url.md): `https` only
 * (plain `http` to a loopback address outside production), every address checked at connection time (a name
 * resolving to a private address is refused, whatever DNS says later), redirects followed and checked again, a
 * deadline for the whole fetch, a size cap enforced while reading, and a content type that can be a calendar.
 * Failures are `DomainError('invalid')` (HTTP 400) with a `reason` and a message naming the host, never the
 * whole URL (private feeds carry their secret in it).
 */
@Injectable()
export class IcalUrlFetcher {
  constructor(@Inject(SLA_ICAL_FETCH_OPTIONS) private readonly options: IcalFetchOptions) {}

  async fetch(rawUrl: string): Promise<string> {
    const deadline = Date.now() + this.options.timeoutMs;
    let url = this.check(rawUrl);
    for (let redirects = 0; ; redirects++) {
      const response = await this.get(url, deadline);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        if (redirects >= this.options.maxRedirects)
          throw refused(
            'too_many_redirects',
            `The calendar URL redirects more than ${this.options.maxRedirects} times.`,
          );
        url = this.check(new URL(response.headers.location, url).toString());
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw refused(
          'http_status',
          `The calendar server ${url.host} answered ${status} ${response.statusMessage ?? ''}`.trim() + '.',
        );
      }
      return this.readCalendar(response, url, deadline);
    }
  }

  private check(rawUrl: string): URL {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw refused(
        'invalid_url',
        'url must be an absolute https URL, e.g. https://example.org/holidays.ics.',
      );
    }
    if (url.username || url.password)
      throw refused('invalid_url', 'url must not carry a user name or password.');
    const host = unbracketed(url.hostname);
    const isLoopbackHost = host === 'localhost' || (isIP(host) !== 0 && isLoopbackAddress(host));
    const isAllowedHttp = url.protocol === 'http:' && this.options.isLoopbackAllowed && isLoopbackHost;
    if (url.protocol !== 'https:' && !isAllowedHttp)
      throw refused(
        'insecure_url',
        this.options.isLoopbackAllowed
          ? 'url must use https (plain http only to a loopback address, outside production).'
          : 'url must use https.',
      );
    // An address written in the URL is connected to without a lookup: judge it here.
    if (isIP(host) !== 0) this.checkAddress(url.hostname, host);
    return url;
  }

  private get(url: URL, deadline: number): Promise<IncomingMessage> {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) return Promise.reject(this.timeout());
    return new Promise((resolve, reject) => {
      const request = send(
        url,
        {
          method: 'GET',
          headers: { accept: 'text/calendar, */*;q=0.5', 'user-agent': 'Vigie holiday import' },
          lookup: (hostname, options, callback) => this.lookup(hostname, options, callback),
        },
        (response) => {
          clearTimeout(timer);
          resolve(response);
        },
      );
      const timer = setTimeout(() => request.destroy(this.timeout()), remainingMs);
      request.on('error', (error) => {
        clearTimeout(timer);
        reject(error instanceof DomainError ? error : this.unreachable(url, error));
      });
      request.end();
    });
  }

  /** Resolves like the system does, then refuses the addresses a feed must not be fetched from. */
  private lookup(
    hostname: string,
    options: object,
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void,
  ): void {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      try {
        for (const entry of addresses) this.checkAddress(hostname, entry.address);
      } catch (refusal) {
        return callback(refusal as NodeJS.ErrnoException, []);
      }
      const wantsAll = (options as { all?: boolean }).all === true;
      const first = addresses[0];
      if (wantsAll || !first) return callback(null, addresses);
      return callback(null, first.address, first.family);
    });
  }

  private checkAddress(hostname: string, rawAddress: string): void {
    const { address, family } = normalised(rawAddress);
    const isRefused = loopback.check(address, family)
      ? !this.options.isLoopbackAllowed
      : forbidden.check(address, family);
    if (isRefused)
      throw refused(
        'forbidden_address',
        `The calendar URL points to ${hostname} (${rawAddress}), a private or local address: refused.`,
      );
  }

  private async readCalendar(response: IncomingMessage, url: URL, deadline: number): Promise<string> {
    const type = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (type !== '' && !calendarTypes.includes(type)) {
      response.resume();
      throw refused(
        'not_a_calendar',
        `The calendar URL did not return an iCalendar file: ${url.host} sent ${type} (expected text/calendar).`,
      );
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.options.maxBytes) {
      response.destroy();
      throw this.tooLarge();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const remainingMs = deadline - Date.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => response.destroy(this.timeout()), Math.max(0, remainingMs));
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > this.options.maxBytes) response.destroy(this.tooLarge());
        else chunks.push(chunk);
      });
      response.on('end', () => {
        clearTimeout(timer);
        resolve();
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error instanceof DomainError ? error : this.unreachable(url, error));
      });
      response.on('close', () => {
        clearTimeout(timer);
        if (!response.complete) reject(this.unreachable(url, new Error('the connection closed early')));
      });
    });
    return Buffer.concat(chunks).toString('utf8');
  }

  private timeout(): DomainError {
    return refused(
      'timeout',
      `Could not fetch the calendar: no complete answer within ${Math.round(this.options.timeoutMs / 100) / 10} s.`,
    );
  }

  private tooLarge(): DomainError {
    return refused(
      'too_large',
      `The calendar is larger than ${formatBytes(this.options.maxBytes)}: refused.`,
    );
  }

  private unreachable(url: URL, error: Error): DomainError {
    const code = (error as NodeJS.ErrnoException).code;
    return refused(
      'unreachable',
      `Could not fetch the calendar: ${url.host} is unreachable (${code ?? error.message}).`,
    );
  }
}

function unbracketed(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${bytes / 1_000_000} MB` : `${Math.round(bytes / 1000)} kB`;
}
