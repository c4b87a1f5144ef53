// The sign-in seam: whatever signs a person in (the dev user in development builds, Clerk later) gives the
// rest of the extension a Session, and nothing else.
import { config } from '../../config'

export type Session = {
  /** The API's user id (the token's `sub`); also the cache key of the account's data. */
  userId: string
  /** A current bearer token, or null when the session has ended. */
  getToken: () => Promise<string | null>
  signOut: () => Promise<void>
}

export type SignInProvider = {
  /** The session that is still valid from an earlier sign-in, if any (no UI). */
  restore: (userId: string | undefined) => Promise<Session | null>
  /** Signs in (may show UI); null when the person gave up. */
  signIn: () => Promise<Session | null>
}

/**
 * The provider this build has. Each is imported only here, lazily.
 * TODO(issue 6): a Clerk provider (`@clerk/clerk-js/no-rhc`, behind VITE_CLERK_PUBLISHABLE_KEY); see README.
 */
export async function loadProvider(): Promise<SignInProvider | undefined> {
  if (config.devToken) {
    const { devProvider } = await import('./dev-session')
    return devProvider(config.devToken)
  }
  return undefined
}
