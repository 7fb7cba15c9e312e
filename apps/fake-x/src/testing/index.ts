// The one entry point other projects' tests use to run the fake X in process (see the eslint `allow`).
export {
  DEFAULT_BRAND_ACCESS_TOKEN,
  DEFAULT_BRAND_ID,
  startFakeX,
  type FakeX,
  type FakeXOptions,
} from '../fake-x';
export { createLocalXClient, localXPlugin } from './local-x.plugin';
export {
  createCustomer,
  fakeXControl,
  injectPost,
  startFakeXTestContext,
  type FakeXTestContext,
} from './fake-x-test-context';
export { webhookSignature } from '../webhook/webhook-signature';
