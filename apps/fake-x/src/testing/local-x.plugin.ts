import * as http from 'node:http';
import { TwitterApi, type ITwitterApiClientPlugin, type TwitterApiTokens } from 'twitter-api-v2';

/**
 * A twitter-api-v2 plugin that sends every call (REST and streams) to a local fake X instead of
 * https://api.x.com / https://api.twitter.com: the library has no base-URL setting, but plugins receive the
 * request parameters by reference before the request is built.
 */
export function localXPlugin(baseUrl: string): ITwitterApiClientPlugin {
  const base = new URL(baseUrl);
  const rewrite = (params: { url: URL | string }) => {
    const raw = params.url.toString();
    const url = new URL(/^https?:\/\//.test(raw) ? raw : `https://${raw}`);
    url.protocol = base.protocol;
    url.host = base.host;
    params.url = url.toString();
  };
  return {
    onBeforeRequestConfig: ({ params }) => rewrite(params),
    onBeforeStreamRequestConfig: ({ params }) => rewrite(params),
  };
}

/**
 * A real TwitterApi client pointed at a local fake. Plain `http:` needs an `http.Agent` (the library always
 * calls `https.request`, which accepts an http agent for an http URL).
 */
export function createLocalXClient(credentials: string | TwitterApiTokens, baseUrl: string): TwitterApi {
  const settings = {
    plugins: [localXPlugin(baseUrl)],
    ...(baseUrl.startsWith('http:') ? { httpAgent: new http.Agent({ keepAlive: true }) } : {}),
  };
  return typeof credentials === 'string'
    ? new TwitterApi(credentials, settings)
    : new TwitterApi(credentials, settings);
}
