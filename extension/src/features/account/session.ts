// The sign-in seam: whatever signs a person in (Clerk, or the dev user in development builds) gives the rest
// of the extension a Session, and nothing else.
import { config } from '../../config'

export type Session = {
  /** The API's user id (the token's `sub`); also the cache key of the account's data. */
  userId: string
  /** What the menu shows for the account (an email address); the user id when there is none. */
  label?: string
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

let provider: Promise<SignInProvider | undefined> | undefined

/**
 * The provider this build has (a dev token wins: `npm run dev`'s builds), one per page so that Clerk loads once.
 * Each is imported only here, lazily.
 */
export function loadProvider(): Promise<SignInProvider | undefined> {
  provider ??= pick()
  return provider
}

async function pick(): Promise<SignInProvider | undefined> {
  if (config.devToken) {
    const { devProvider } = await import('./dev-session')
    return devProvider(config.devToken)
  }
  if (config.clerkPublishableKey) {
    const { clerkProvider } = await import('./clerk-session')
    return clerkProvider({
      publishableKey: config.clerkPublishableKey,
      proxyUrl: config.clerkProxyUrl || undefined
    })
  }
  return undefined
}
