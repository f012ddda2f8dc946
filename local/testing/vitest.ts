// `import 'appsync-local/testing/vitest'` (e.g. in setupFiles) registers the
// kit's matchers with vitest's expect and types them.
import { expect } from 'vitest';
import { appsyncMatchers } from './matchers.js';

expect.extend(appsyncMatchers);

interface AppSyncMatchers<R = unknown> {
  /** The APPSYNC_JS check AppSync runs at deploy; problems are reported at their source lines. */
  toBeValidAppSyncCode(filename?: string): R;
  /** A request (or one of a ResolverRun's requests) holds these fields; typed values compare as plain ones. */
  toSendRequest(expected: Record<string, unknown>): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends AppSyncMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends AppSyncMatchers {}
}
