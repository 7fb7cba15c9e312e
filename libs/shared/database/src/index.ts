export * from './data-source-options';
export * from './run-migrations';
export * from './snake-naming.strategy';
export { migrations } from './migrations';
export * from './json-rows';
