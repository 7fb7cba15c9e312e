export * from './data-source-options';
export * from './run-migrations';
export * from './migration-secrets';
export * from './snake-naming.strategy';
export * from './json-rows';
export { migrations } from './migrations';
