// Worker tests run inside workerd with the real bindings; Hyperdrive points at the run's database.
import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'
import { TEST_ALLOWED_ORIGINS } from './test/constants.ts'

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: '../wrangler.toml' },
      miniflare: {
        hyperdrives: { HYPERDRIVE: inject('databaseUrl') },
        bindings: {
          CLERK_JWT_KEY: inject('jwtPublicKey'),
          CLERK_SECRET_KEY: '',
          ALLOWED_ORIGINS: TEST_ALLOWED_ORIGINS
        }
      }
    }))
  ],
  test: {
    name: 'worker',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    // A local stand-in for Clerk's JWKS endpoint, for the CLERK_SECRET_KEY tests (middleware/auth.test.ts).
    globalSetup: ['../test/clerk-api-stand-in.ts'],
    // One workerd runtime per test worker, reused by every file it runs, as one Worker serves every request: a
    // runtime per file (vitest's default) costs a Miniflare start each time. Files share no rows (ids are unique per test, see
    // test/helpers.ts), the one spy restores itself, and per-IP limits count only the addresses a test sets.
    isolate: false,
    // A file's first request warms workerd and the Hyperdrive proxy; on a busy machine that alone can take
    // seconds. Tests assert behaviour, never speed.
    testTimeout: 30_000
  }
})
