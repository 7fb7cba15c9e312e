import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '@vigie/server';

/**
 * Slows down password guessing with rate-limiter-flexible (docs/adr/0005-login-throttling.md):
 *  - per email and IP: after `maxFailures` consecutive failures, logins are refused for
 *    `blockSeconds`, doubling each time the block is earned again within a day;
 *  - per IP: at most 100 failures a day, whatever the emails (credential stuffing).
 * A success resets the email+IP counter. Counters live in Redis when REDIS_URL is set (shared by
 * every process), else in memory.
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly byEmailAndIp: RateLimiterAbstract;
  private readonly blocksByEmailAndIp: RateLimiterAbstract;
  private readonly byIp: RateLimiterAbstract;
  private readonly redis: Redis | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { maxFailures } = config.login;
    if (config.redis.url) {
      this.redis = new Redis(config.redis.url, {
        enableOfflineQueue: false,
        lazyConnect: false,
        maxRetriesPerRequest: 1,
      });
      const storeClient = this.redis;
      this.byEmailAndIp = new RateLimiterRedis({
        storeClient,
        keyPrefix: 'vigie:login:fail',
        points: maxFailures,
        duration: 15 * 60,
      });
      this.blocksByEmailAndIp = new RateLimiterRedis({
        storeClient,
        keyPrefix: 'vigie:login:blocks',
        points: 1000,
        duration: 86_400,
      });
      this.byIp = new RateLimiterRedis({
        storeClient,
        keyPrefix: 'vigie:login:ip',
        points: 100,
        duration: 86_400,
      });
    } else {
      this.byEmailAndIp = new RateLimiterMemory({
        keyPrefix: 'fail',
        points: maxFailures,
        duration: 15 * 60,
      });
      this.blocksByEmailAndIp = new RateLimiterMemory({
        keyPrefix: 'blocks',
        points: 1000,
        duration: 86_400,
      });
      this.byIp = new RateLimiterMemory({ keyPrefix: 'ip', points: 100, duration: 86_400 });
    }
  }

  private static key(email: string, ip: string): string {
    return `${email.toLowerCase()}|${ip}`;
  }

  /** Seconds to wait before another attempt is allowed, or 0. */
  async secondsBeforeRetry(params: { email: string; ip: string }): Promise<number> {
    const [pair, ip] = await Promise.all([
      this.byEmailAndIp.get(LoginThrottle.key(params.email, params.ip)),
      this.byIp.get(params.ip),
    ]);
    const waits = [pair, ip]
      .filter((result): result is RateLimiterRes => result !== null && result.remainingPoints <= 0)
      .map((result) => Math.ceil(result.msBeforeNext / 1000));
    return waits.length ? Math.max(...waits) : 0;
  }

  /** Records a failure; returns the seconds to wait when this failure earned a block, else 0. */
  async recordFailure(params: { email: string; ip: string }): Promise<number> {
    const key = LoginThrottle.key(params.email, params.ip);
    await this.byIp.penalty(params.ip, 1);
    const result = await this.byEmailAndIp.penalty(key, 1);
    if (result.remainingPoints > 0) return 0;
    const blocks = await this.blocksByEmailAndIp.penalty(key, 1);
    const blockSeconds = this.config.login.blockSeconds * 2 ** Math.min(blocks.consumedPoints - 1, 10);
    await this.byEmailAndIp.block(key, blockSeconds);
    return blockSeconds;
  }

  async recordSuccess(params: { email: string; ip: string }): Promise<void> {
    await this.byEmailAndIp.delete(LoginThrottle.key(params.email, params.ip));
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
