import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { crmSignatureHeader, crmSignatureScheme } from '@vigie/crm-server';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { ApiExceptionFilter, type AppConfig, createValidationPipe } from '@vigie/server';
import { SessionService, sessionCookieName } from '@vigie/identity-server';
import { VigieIoAdapter } from '@vigie/realtime-server';

/** Express errors raised before Nest routes (the JSON body parser) answer in the API's error shape. */
function bodyParserErrorHandler(filter: ApiExceptionFilter) {
  return (error: unknown, request: Request, response: Response, next: NextFunction): void => {
    if (response.headersSent) return next(error);
    filter.send({ exception: error, request, response });
  };
}

function resolveConsoleDir(config: AppConfig): string | undefined {
  const candidates = [
    config.http.consoleDir,
    join(__dirname, '../console'),
    resolve('dist/apps/console'),
  ].filter((candidate): candidate is string => Boolean(candidate));
  return candidates.find((candidate) => existsSync(join(candidate, 'index.html')));
}

/** Security headers, body parsing, CORS, validation, OpenAPI, sockets and the console's files. */
export function configureHttp(app: NestExpressApplication, config: AppConfig): { consoleDir?: string } {
  const errorFilter = new ApiExceptionFilter();
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.setGlobalPrefix('api');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Local demos run over plain http on a LAN address too: only upgrade when cookies are secure.
          upgradeInsecureRequests: config.session.isCookieSecure ? [] : null,
        },
      },
    }),
  );
  // Webhooks are verified by an HMAC over the exact bytes: keep them raw (the JSON parser then skips them).
  app.use('/api/webhooks', express.raw({ type: () => true, limit: '1mb' }));
  app.use(express.json({ limit: '1mb' }));
  app.use(bodyParserErrorHandler(errorFilter));
  app.use(cookieParser());
  const origins = [
    config.http.consoleOrigin,
    config.http.publicUrl && new URL(config.http.publicUrl).origin,
  ].filter(Boolean) as string[];
  app.enableCors({ origin: origins.length ? origins : false, credentials: true });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(errorFilter);
  app.useWebSocketAdapter(new VigieIoAdapter(app, config));
  setUpOpenApi(app);
  const consoleDir = resolveConsoleDir(config);
  if (consoleDir) serveConsole(app, consoleDir);
  return { consoleDir };
}

/** OpenAPI at /api/docs, for signed-in users only (it lists every endpoint). */
function setUpOpenApi(app: NestExpressApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Vigie API')
      .setDescription(
        'The REST API behind the Vigie console. Sign in with POST /api/auth/login; the session cookie authenticates the rest.',
      )
      .setVersion('0.1.0')
      .addCookieAuth(sessionCookieName)
      .addApiKey(
        {
          type: 'apiKey',
          in: 'header',
          name: crmSignatureHeader,
          description: "HMAC-SHA256 of the raw body with the connector's secret (docs/crm.md)",
        },
        crmSignatureScheme,
      )
      .build(),
  );
  const sessions = app.get(SessionService);
  app.use('/api/docs', (request: Request, response: Response, next: NextFunction) => {
    const token: unknown = request.cookies?.[sessionCookieName];
    sessions
      .resolve(typeof token === 'string' ? token : undefined)
      .then((session) =>
        session
          ? next()
          : response
              .status(401)
              .json({ statusCode: 401, code: 'unauthenticated', message: 'Sign in first.' }),
      )
      .catch(next);
  });
  SwaggerModule.setup('api/docs', app as INestApplication, document, {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
}

/** The console is a single-page app: its files, and index.html for any other non-API GET. */
function serveConsole(app: NestExpressApplication, consoleDir: string): void {
  app.use(
    express.static(consoleDir, {
      index: false,
      maxAge: '1h',
      setHeaders: (response, path) => {
        if (path.endsWith('index.html')) response.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || request.path.startsWith('/api') || !request.accepts('html'))
      return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(join(consoleDir, 'index.html'));
  });
}
