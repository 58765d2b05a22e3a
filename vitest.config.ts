import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: [
            'test/unit/**/*.test.ts',
            'test/api/**/*.test.ts',
            'test/ledger/**/*.test.ts',
            'test/cli/**/*.test.ts',
            'test/records/**/*.test.ts',
            'test/ledger-store/**/*.test.ts',
            'test/documents/**/*.test.ts',
            'test/reports/**/*.test.ts',
            'test/imports/**/*.test.ts',
            'test/referrals/**/*.test.ts',
            'test/oversight/**/*.test.ts',
            'test/analysis/**/*.test.ts',
            'test/demo/**/*.test.ts',
            'test/annual/**/*.test.ts',
          ],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
