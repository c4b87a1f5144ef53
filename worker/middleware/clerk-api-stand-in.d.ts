// The URL of the Clerk JWKS stand-in (test/clerk-api-stand-in.ts), provided to the Worker tests of auth.test.ts.
import 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    clerkApiUrl: string
  }
}
