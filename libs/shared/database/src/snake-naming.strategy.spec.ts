import { SnakeNamingStrategy } from './snake-naming.strategy';

describe('SnakeNamingStrategy', () => {
  const strategy = new SnakeNamingStrategy();

  it.each([
    ['displayName', 'display_name'],
    ['passwordHash', 'password_hash'],
    ['id', 'id'],
    ['externalXId', 'external_x_id'],
    ['createdAt', 'created_at'],
  ])('names the column of %s %s', (property, column) => {
    expect(strategy.columnName(property, undefined, [])).toBe(column);
  });

  it('keeps an explicit table name and snake-cases class names', () => {
    expect(strategy.tableName('UserSession', 'user_session')).toBe('user_session');
    expect(strategy.tableName('TeamMember')).toBe('team_member');
  });

  it('prefixes embedded columns', () => {
    expect(strategy.columnName('dueAt', undefined, ['firstResponse'])).toBe('first_response_due_at');
  });
});
