import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests in Node: `npm run test:unit` (`vitest run`). WxtVitest maps `wxt/browser` to an in-memory fake
// browser for platform/ code. End-to-end tests have their own config.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Tests check outcomes, never speed (benchmarks do that); jsdom work on a busy 2-core machine takes seconds.
    testTimeout: 30_000,
  },
});
