import { defineConfig } from 'vitest/config';

// End-to-end tests in real browsers (Chromium and Firefox ESR): `npm run test:e2e`.
// Files end in .e2e.ts so that a plain `vitest run` (unit tests) never picks them up.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    // Builds the shipped and the E2E (127.0.0.1 host permission) variants of both browsers once, before any file.
    globalSetup: ['tests/e2e/global-setup.ts'],
    // One browser at a time on a 2-core machine; each file launches its browser once.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
