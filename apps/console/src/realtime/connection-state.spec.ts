import {
  type ConnectionEvent,
  type ConnectionStatus,
  connectionLabelKey,
  initialConnectionStatus,
  nextConnectionStatus,
} from './connection-state';

function replay(events: ConnectionEvent[]): ConnectionStatus {
  return events.reduce(nextConnectionStatus, initialConnectionStatus);
}

describe('nextConnectionStatus', () => {
  it('starts as connecting', () => {
    expect(initialConnectionStatus.state).toBe('reconnecting');
    expect(connectionLabelKey(initialConnectionStatus)).toBe('inbox.connection.connecting');
  });

  it('is connected after the handshake succeeds', () => {
    expect(replay([{ type: 'connected' }])).toEqual({ state: 'connected', hasConnected: true });
  });

  it('is reconnecting after a dropped transport that socket.io will retry', () => {
    const status = replay([{ type: 'connected' }, { type: 'disconnected', willReconnect: true }]);
    expect(status.state).toBe('reconnecting');
    expect(connectionLabelKey(status)).toBe('inbox.connection.reconnecting');
  });

  it('is offline when the server refuses the handshake (no session)', () => {
    expect(replay([{ type: 'connect-failed', willReconnect: false }]).state).toBe('offline');
  });

  it('is offline when the server disconnects the socket on purpose', () => {
    expect(replay([{ type: 'connected' }, { type: 'disconnected', willReconnect: false }]).state).toBe(
      'offline',
    );
  });

  it('is offline when socket.io gives up reconnecting', () => {
    expect(replay([{ type: 'reconnect-attempted' }, { type: 'reconnect-gave-up' }]).state).toBe('offline');
  });

  it('stays offline while the browser has no network, even as socket.io keeps retrying', () => {
    const status = replay([
      { type: 'connected' },
      { type: 'browser-went-offline' },
      { type: 'disconnected', willReconnect: true },
      { type: 'browser-went-offline' },
      { type: 'reconnect-attempted' },
    ]);
    expect(status.state).toBe('offline');
  });

  it.each([
    { isSocketConnected: true, expected: 'connected' },
    { isSocketConnected: false, expected: 'reconnecting' },
  ])(
    'is $expected when the network returns and the socket connected is $isSocketConnected',
    ({ isSocketConnected, expected }) => {
      const status = replay([
        { type: 'connected' },
        { type: 'browser-went-offline' },
        { type: 'browser-came-online', isSocketConnected },
      ]);
      expect(status.state).toBe(expected);
    },
  );

  it('is connected again after a successful reconnection', () => {
    const status = replay([
      { type: 'connected' },
      { type: 'disconnected', willReconnect: true },
      { type: 'reconnect-attempted' },
      { type: 'connected' },
    ]);
    expect(status).toEqual({ state: 'connected', hasConnected: true });
    expect(connectionLabelKey(status)).toBe('inbox.connection.connected');
  });
});
