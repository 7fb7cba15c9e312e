export * from './lib/normalise-outcome.type';
export * from './lib/retry-policy';
export { PayloadProblem } from './lib/x/payload-reader';
export * from './lib/x/x-thread-key';
export * from './lib/x/x-post.normaliser';
export * from './lib/x/x-dm.normaliser';
export * from './lib/x/x-account-activity.normaliser';
export * from './lib/x/x-query';
