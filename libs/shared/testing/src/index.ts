export * from './fake-clock';
export * from './test-database';
export * from './database-servers';
export * from './http-test-client';
