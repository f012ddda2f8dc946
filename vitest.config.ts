import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fixtures are projects of their own (the packed-kit scratch project runs
    // its tests inside its own install), never part of this run.
    exclude: ['test/fixtures/**', '**/node_modules/**'],
    // Builds the resolver bundles once and starts one in-memory DynamoDB Local
    // for the whole run; both are stopped when the run ends.
    globalSetup: ['test/global-setup.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
