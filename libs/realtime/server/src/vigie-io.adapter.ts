import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { IncomingMessage } from 'node:http';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '@vigie/server';

/**
 * socket.io server options from AppConfig (CORS limited to the console's origin), and the Redis
 * adapter when REDIS_URL is set, so an event emitted on one Vigie process reaches sockets
 * connected to any other.
 */
export class VigieIoAdapter extends IoAdapter {
  private readonly logger = new Logger('VigieIoAdapter');
  private redisClients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const origins = [
      this.config.http.consoleOrigin,
      this.config.http.publicUrl && new URL(this.config.http.publicUrl).origin,
    ].filter((origin): origin is string => Boolean(origin));
    const server: Server = super.createIOServer(port, {
      ...options,
      cors: origins.length ? { origin: origins, credentials: true } : undefined,
      // Reject cross-site handshakes from browsers unless the origin is the console's.
      allowRequest: (
        request: IncomingMessage,
        callback: (error: string | null, isAllowed: boolean) => void,
      ) => {
        const origin = request.headers.origin;
        const host = request.headers.host;
        const isAllowed =
          origin === undefined ||
          origins.includes(origin) ||
          (host !== undefined && new URL(origin).host === host);
        callback(isAllowed ? null : 'origin not allowed', isAllowed);
      },
    });
    if (this.config.redis.url) {
      const publisher = new Redis(this.config.redis.url, { lazyConnect: false });
      const subscriber = publisher.duplicate();
      this.redisClients = [publisher, subscriber];
      server.adapter(createAdapter(publisher, subscriber, { key: 'vigie:socket.io' }));
      this.logger.log('socket.io Redis adapter on');
    }
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.redisClients.map((client) => client.quit().catch(() => undefined)));
  }
}
