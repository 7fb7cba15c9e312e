import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { DomainEventMap, DomainEventName } from '@vigie/contracts';

type Listener<Name extends DomainEventName> = (payload: DomainEventMap[Name]) => void | Promise<void>;

/**
 * The in-process, typed domain event bus. Services publish after their transaction commits
 * (STYLE rule 5); listeners (realtime forwarding, later webhooks and SLA) subscribe by name.
 * A failing listener is logged and never breaks the publisher or the other listeners.
 */
@Injectable()
export class DomainEventBus {
  private readonly emitter = new EventEmitter({ captureRejections: false });
  private readonly logger = new Logger('DomainEventBus');

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  publish<Name extends DomainEventName>(name: Name, payload: DomainEventMap[Name]): void {
    this.emitter.emit(name, payload);
  }

  subscribe<Name extends DomainEventName>(name: Name, listener: Listener<Name>): () => void {
    const safe = (payload: DomainEventMap[Name]) => {
      try {
        const result = listener(payload);
        if (result instanceof Promise) {
          result.catch((error: unknown) =>
            this.logger.error({ err: error, event: name }, 'Event listener failed'),
          );
        }
      } catch (error) {
        this.logger.error({ err: error, event: name }, 'Event listener failed');
      }
    };
    this.emitter.on(name, safe);
    return () => this.emitter.off(name, safe);
  }
}
