import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SessionService } from './session.service';

/** Sessions past their expiry are refused at once; this only deletes their rows, hourly. */
const purgeIntervalMs = 60 * 60 * 1000;

@Injectable()
export class SessionJanitorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SessionJanitor');
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly sessions: SessionService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purge(), purgeIntervalMs);
    this.timer.unref();
  }

  async purge(): Promise<number> {
    try {
      const count = await this.sessions.purgeExpired();
      if (count > 0) this.logger.log({ count }, 'Deleted expired sessions');
      return count;
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not delete expired sessions');
      return 0;
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
