import { presenceAudience, roomsFor } from './socket-rooms';

const identity = {
  userId: 'u1',
  sessionId: 's1',
  displayName: 'Camille',
  role: 'agent' as const,
  teamIds: ['t1', 't2'],
};

describe('socket rooms', () => {
  it('joins the agent, role, team and session rooms', () => {
    expect(roomsFor(identity)).toEqual(['agent:u1', 'role:agent', 'team:t1', 'team:t2', 'session:s1']);
  });

  it('tells supervisors, admins and the agent teams about presence', () => {
    expect(presenceAudience(identity)).toEqual(['role:supervisor', 'role:admin', 'team:t1', 'team:t2']);
  });
});
