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
    // A file's first request warms workerd and the Hyperdrive proxy; on a busy machine that alone can take
    // seconds. Tests assert behaviour, never speed.
    testTimeout: 30_000
  }
})
