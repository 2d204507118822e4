import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.dirname(new URL(import.meta.url).pathname) } },
  test: {
    include: ['game/**/*.test.ts', 'ml/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'app/**/*.test.ts'],
    environment: 'node',
    // tfjs CPU training tests are slow on a 2-core machine; keep files in parallel but give them room.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
