import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, AUTH_LABELS, type AuthContext, type AuthRequirement } from './auth';
import type { FaultInjector } from './fault-injector';
import { isLoopback, sendJson } from './http-helpers';
import { rateLimitHeaders, type EndpointKey, type RateLimiter, type RateLimitStatus } from './rate-limiter';
import {
  genericProblem,
  invalidRequest,
  tooManyRequests,
  unauthorized,
  unsupportedAuthentication,
  XApiError,
} from './x-errors';
import type { FakeXStore } from '../store/fake-x-store';

export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Set on `/2/*` routes. */
  auth: AuthContext;
  /** Rate-limit headers of this request, to add to every answer (streams included). */
  headers: Record<string, string>;
  send(status: number, body: unknown): void;
}

export interface Route {
  method: string;
  pattern: string;
  /** `/2/*` routes: endpoint bucket, required auth and accepted query parameters. Absent on control routes. */
  api?: { endpoint: EndpointKey; auth: AuthRequirement; queryParameters?: readonly string[] };
  handle(context: RouteContext): Promise<void> | void;
}

interface CompiledRoute {
  route: Route;
  regex: RegExp;
  names: string[];
}

export interface RouterDependencies {
  store: FakeXStore;
  rateLimiter: RateLimiter;
  faults: FaultInjector;
  log: (line: string) => void;
}

const NO_AUTH: AuthContext = { kind: 'app', token: '' };

/** A tiny method + path router with X's cross-cutting behaviour for `/2/*`: faults, auth, rate limits, errors. */
export class Router {
  private readonly routes: CompiledRoute[] = [];

  constructor(private readonly dependencies: RouterDependencies) {}

  add(routes: Route[]): void {
    for (const route of routes) {
      const names: string[] = [];
      const source = route.pattern.replace(/[.]/g, '\\.').replace(/:(\w+)/g, (_match, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      this.routes.push({ route, regex: new RegExp(`^${source}$`), names });
    }
  }

  async dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake-x.local');
    const method = request.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const isApi = path.startsWith('/2/');
    let headers: Record<string, string> = {};
    let fault: { status: number; isAfterEffect: boolean } | undefined;
    try {
      if (path.startsWith('/control/') && !isLoopback(request))
        throw genericProblem(403, 'The control API only answers on loopback.');
      const match = this.match(method, path);
      if (isApi) {
        fault = this.dependencies.faults.take(method, path);
        if (fault && !fault.isAfterEffect) throw genericProblem(fault.status);
      }
      if (!match) throw genericProblem(404, `No route ${method} ${path}`);
      const { route, params } = match;
      let auth = NO_AUTH;
      if (route.api) {
        const resolved = authenticate(request, this.dependencies.store);
        if (!resolved) throw unauthorized();
        auth = resolved;
        checkAuthKind(route.api.auth, auth);
        const rateLimit = this.consume(route.api.endpoint, auth);
        headers = rateLimitHeaders(rateLimit);
        if (rateLimit.isExceeded) throw tooManyRequests();
        if (route.api.queryParameters) checkQueryParameters(url.searchParams, route.api.queryParameters);
      }
      await route.handle({
        request,
        response,
        path,
        params,
        query: url.searchParams,
        auth,
        headers,
        send: (status, body) => {
          if (!fault?.isAfterEffect) return sendJson(response, status, body, headers);
          const problem = genericProblem(fault.status);
          sendJson(response, problem.status, problem.body, headers);
        },
      });
    } catch (error) {
      if (isApi && Object.keys(headers).length === 0)
        headers = rateLimitHeaders(this.consume('other', NO_AUTH, false));
      if (error instanceof XApiError) {
        sendJson(response, error.status, error.body, headers);
        return;
      }
      this.dependencies.log(
        `fake-x: ${method} ${path} failed: ${error instanceof Error ? error.stack : String(error)}`,
      );
      const problem = genericProblem(500, 'Internal Server Error');
      sendJson(response, problem.status, problem.body, headers);
    }
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const compiled of this.routes) {
      if (compiled.route.method !== method) continue;
      const result = compiled.regex.exec(path);
      if (!result) continue;
      const params: Record<string, string> = {};
      compiled.names.forEach((name, index) => (params[name] = decodeURIComponent(result[index + 1])));
      return { route: compiled.route, params };
    }
    return undefined;
  }

  private consume(endpoint: EndpointKey, auth: AuthContext, isCounted = true): RateLimitStatus {
    const isUserContext = auth.kind !== 'app';
    return this.dependencies.rateLimiter.consume({
      endpoint,
      callerKey: auth.kind === 'app' ? 'app' : auth.user.id,
      isUserContext,
      isCounted,
    });
  }
}

function checkAuthKind(requirement: AuthRequirement, auth: AuthContext): void {
  if (requirement === 'any') return;
  if (requirement === 'user' && auth.kind === 'app') {
    throw unsupportedAuthentication(AUTH_LABELS.app, [
      AUTH_LABELS['oauth1-user'],
      AUTH_LABELS['oauth2-user'],
    ]);
  }
  if (requirement === 'app' && auth.kind !== 'app')
    throw unsupportedAuthentication(AUTH_LABELS[auth.kind], [AUTH_LABELS.app]);
}

function checkQueryParameters(query: URLSearchParams, accepted: readonly string[]): void {
  const errors = [...new Set(query.keys())]
    .filter((name) => !accepted.includes(name))
    .map((name) => ({
      parameters: { [name]: query.getAll(name) },
      message: `The query parameter [${name}] is not one of [${accepted.join(',')}]`,
    }));
  if (errors.length > 0) throw invalidRequest(errors);
}
