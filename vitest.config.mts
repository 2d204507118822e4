import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: {
    alias: [
      { find: '@', replacement: path.dirname(new URL(import.meta.url).pathname) },
      // As in next.config.js: messages are precompiled, formatted without an ICU parser.
      { find: /^use-intl\/format-message$/, replacement: 'use-intl/format-message/format-only' },
    ],
  },
  test: {
    include: ['app/**/*.test.ts', 'game/**/*.test.ts', 'ml/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Bundled through vite so the format-only alias above reaches use-intl's own import of it.
    server: { deps: { inline: ['use-intl'] } },
    // tfjs CPU training tests are slow on a 2-core machine; keep files in parallel but give them room.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
