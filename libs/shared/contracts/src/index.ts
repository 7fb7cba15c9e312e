export * from './roles';
export * from './auth.contracts';
export * from './users.contracts';
export * from './errors.contracts';
export * from './health.contracts';
export * from './realtime.contracts';
export * from './domain-events.contracts';
