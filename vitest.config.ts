import { defineConfig } from 'vitest/config';

/**
 * Test tiers (each a vitest project; `npm test` runs them all, `npm run test:<tier>` one):
 * - unit: pure rules and adapters with fakes or loopback servers; no Java, no browser, no network.
 * - infra: the CDK apps synthesized offline (no Java, no AWS account).
 * - dynamodb: everything that needs Amazon DynamoDB Local, which its global setup starts once:
 *   the API through app.request(), integration and seeds, the DynamoDB stores, and the browser
 *   tests (headless Chromium against the served app).
 */
const DYNAMODB = ['test/api/**', 'test/integration/**', 'test/e2e/**', 'test/adapters/dynamodb/**', 'test/contract/**/*.dynamodb.test.ts'];

export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // No test depends on today's date: Date starts at a fixed instant in every test file.
    setupFiles: ['test/support/pinned-wall-clock.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.{ts,tsx}'], exclude: [...DYNAMODB, 'test/infra/**'] },
      },
      {
        extends: true,
        test: { name: 'infra', include: ['test/infra/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'dynamodb', include: DYNAMODB.map((glob) => (glob.endsWith('**') ? `${glob}/*.test.{ts,tsx}` : glob)), globalSetup: ['test/support/global-setup.ts'] },
      },
    ],
  },
});
