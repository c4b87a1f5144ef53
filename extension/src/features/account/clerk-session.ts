// Sign-in with Clerk (VITE_CLERK_PUBLISHABLE_KEY), imported only by session.ts's loadProvider, so Clerk's
// ~330 KB never weighs on the first paint. `@clerk/clerk-js/no-rhc` ships without remotely hosted code, as
// Manifest V3 requires. An extension page has no first-party cookie for Clerk's domain, so, like Clerk's
// own native SDKs, the client token travels in the Authorization header and is kept in localStorage.
import { Clerk } from '@clerk/clerk-js/no-rhc'
import { ApiError } from '../../api/client'
import { openDialog } from '../../view-state'
import { createSignInFlow, describeClerkError } from './clerk-flow'
import type { Session, SignInProvider } from './session'

const CLIENT_TOKEN_KEY = 'bookmarks-index:clerk-client'

const storage = {
  get: () => {
    try {
      return localStorage.getItem(CLIENT_TOKEN_KEY)
    } catch {
      return null
    }
  },
  set: (value: string | null) => {
    try {
      if (value) localStorage.setItem(CLIENT_TOKEN_KEY, value)
      else localStorage.removeItem(CLIENT_TOKEN_KEY)
    } catch {
      // Blocked storage: the session lasts as long as the page.
    }
  }
}

export type ClerkOptions = { publishableKey: string; proxyUrl?: string }

/** One Clerk per page, loaded on first use; a failed load (offline) is tried again on the next use. */
function clerkLoader(options: ClerkOptions) {
  let loading: Promise<Clerk> | undefined
  const load = async () => {
    const clerk = new Clerk(options.publishableKey, options.proxyUrl ? { proxyUrl: options.proxyUrl } : {})
    clerk.__internal_onBeforeRequest(async (request) => {
      request.credentials = 'omit'
      request.url?.searchParams.append('_is_native', '1')
      const token = storage.get()
      if (token) (request.headers as Headers).set('authorization', `Bearer ${token}`)
    })
    clerk.__internal_onAfterResponse(async (_request, response) => {
      const header = response?.headers.get('authorization')
      if (header) storage.set(header.replace(/^Bearer\s+/i, ''))
    })
    // The new tab has its own router: Clerk must never navigate it (signOut would go to "/").
    const stay = async () => undefined
    await clerk.load({ standardBrowser: false, telemetry: false, routerPush: stay, routerReplace: stay })
    return clerk
  }
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined
      throw error
    })
    return loading
  }
}

/** Clerk could not be reached: for the sync engine that is being offline, not being signed out. */
const unreachable = (error: unknown) => new ApiError(0, 'network_error', describeClerkError(error))

function sessionOf(clerk: Clerk): Session | null {
  const user = clerk.user
  if (!user || !clerk.session) return null
  return {
    userId: user.id,
    label: user.primaryEmailAddress?.emailAddress ?? user.id,
    getToken: async () => {
      try {
        return (await clerk.session?.getToken()) ?? null
      } catch (error) {
        throw unreachable(error)
      }
    },
    signOut: async () => {
      await clerk.signOut().catch(() => undefined)
      storage.set(null)
    }
  }
}

/**
 * A remembered account whose session could not be checked (Clerk unreachable): the page keeps that account's
 * data and its waiting changes, and the first token request tries Clerk again.
 */
function pendingSession(userId: string, load: () => Promise<Clerk>): Session {
  const current = async () => {
    const clerk = await load().catch((error: unknown) => {
      throw unreachable(error)
    })
    const session = sessionOf(clerk)
    if (session?.userId !== userId)
      throw new ApiError(401, 'unauthorized', 'Your session has ended. Sign out and sign in again.')
    return session
  }
  return {
    userId,
    getToken: async () => (await current()).getToken(),
    signOut: async () => (await current().catch(() => undefined))?.signOut()
  }
}

export function clerkProvider(options: ClerkOptions): SignInProvider {
  const load = clerkLoader(options)
  return {
    async restore(remembered) {
      // Never signed in on this browser: nothing to resume, so Clerk is not even loaded.
      if (!storage.get()) return null
      try {
        return sessionOf(await load())
      } catch {
        return remembered ? pendingSession(remembered, load) : null
      }
    },
    async signIn() {
      let clerk: Clerk
      try {
        clerk = await load()
      } catch (error) {
        throw new Error(describeClerkError(error))
      }
      const signedIn = sessionOf(clerk)
      if (signedIn) return signedIn
      const flow = createSignInFlow(clerk)
      const done = await new Promise<boolean>((resolve) =>
        openDialog({ kind: 'sign-in', flow, onDone: resolve })
      )
      return done ? sessionOf(clerk) : null
    }
  }
}
