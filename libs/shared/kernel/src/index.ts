export * from './clock';
export * from './domain-error';
export * from './assert-never';
export * from './ids';
