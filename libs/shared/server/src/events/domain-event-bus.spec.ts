import { Logger } from '@nestjs/common';
import { DomainEventBus } from './domain-event-bus';

// The failing-listener case logs an error on purpose; keep the test output clean.
beforeAll(() => Logger.overrideLogger(false));

const presence = {
  userId: 'u1',
  displayName: 'Camille',
  role: 'agent' as const,
  status: 'online' as const,
  at: '2026-01-01T00:00:00Z',
};

describe('DomainEventBus', () => {
  it('delivers a published event to every subscriber of that name only', () => {
    const bus = new DomainEventBus();
    const received: string[] = [];
    bus.subscribe('agent.presence.changed', (event) => void received.push(`a:${event.userId}`));
    bus.subscribe('agent.presence.changed', (event) => void received.push(`b:${event.status}`));
    bus.subscribe('session.ended', () => void received.push('wrong'));
    bus.publish('agent.presence.changed', presence);
    expect(received).toEqual(['a:u1', 'b:online']);
  });

  it('keeps delivering to other listeners when one throws, and stops after unsubscribe', () => {
    const bus = new DomainEventBus();
    const received: string[] = [];
    bus.subscribe('agent.presence.changed', () => {
      throw new Error('boom');
    });
    const unsubscribe = bus.subscribe('agent.presence.changed', () => void received.push('ok'));
    expect(() => bus.publish('agent.presence.changed', presence)).not.toThrow();
    unsubscribe();
    bus.publish('agent.presence.changed', presence);
    expect(received).toEqual(['ok']);
  });
});
