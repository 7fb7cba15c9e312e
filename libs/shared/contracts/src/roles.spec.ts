import { isRole, roles } from './roles';
import { rooms } from './realtime.contracts';

describe('roles', () => {
  it.each(roles)('accepts the role %s', (role) => expect(isRole(role)).toBe(true));
  it.each(['root', '', 'Admin'])('rejects %p', (value) => expect(isRole(value)).toBe(false));
});

describe('rooms', () => {
  it('names agent, team and role rooms with a prefix so they never collide', () => {
    expect(rooms.agent('u1')).toBe('agent:u1');
    expect(rooms.team('t1')).toBe('team:t1');
    expect(rooms.role('supervisor')).toBe('role:supervisor');
  });
});
