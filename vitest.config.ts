import { randomBytes } from 'node:crypto';
import { defineConfig } from 'vitest/config';
import BrowserFirstSequencer from './tests/support/sequencer.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Test files share their worker's modules (loaded, and the route schemas compiled, once per worker instead of
    // once per file): every test file makes its own databases and apps, and none may change what modules hold.
    isolate: false,
    // A field encryption key of this run's own (core/shared/fieldCrypto.ts); no key file is made.
    env: { FIELD_ENCRYPTION_KEY: randomBytes(32).toString('base64') },
    maxWorkers: 3,
    // Prepared databases to copy (PGlite and, with TEST_DATABASE_URL, PostgreSQL), made once per run.
    globalSetup: ['./tests/support/globalSetup.ts'],
    // The browser test files, the longest, start first.
    sequence: { sequencer: BrowserFirstSequencer },
    reporters: ['default', './tests/support/summaryReporter.ts'],
  },
});
