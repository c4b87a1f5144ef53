// Sign-in with Clerk (VITE_CLERK_PUBLISHABLE_KEY). Clerk itself (`@clerk/clerk-js/no-rhc`: no remotely hosted
// code, as Manifest V3 requires; ~335 KB gzip) is imported only to sign in or to resume a session, never for the
// first paint nor in a browser that never signed in. An extension page has no first-party cookie for Clerk's
// domain, so, like Clerk's native SDKs, the client token travels in the Authorization header.
import type { Clerk } from '@clerk/clerk-js/no-rhc'
import { ApiError } from '../api/client'
import { readLocal, writeLocal } from '../local-storage'
import { openDialog } from '../view-state'
import { createSignInFlow, describeClerkError } from './clerk-flow'
import type { Session, SignInProvider } from './types'

const CLIENT_TOKEN_KEY = 'bookmarks-index:clerk-client'

/**
 * Clerk's client token, in memory for this page's requests. It is stored (for the next tabs) only while signed
 * in, so a signed-out browser never loads Clerk on a new tab, and no later tab can resume a session signed out
 * here, even when Clerk could not be told (offline) or the tab closed first.
 */
const clientToken = (() => {
  // Blocked storage: the session lasts as long as the page.
  const write = (value: string | null) => writeLocal(CLIENT_TOKEN_KEY, value || null)
  let current = readLocal(CLIENT_TOKEN_KEY)
  let kept = current !== null
  return {
    get: () => current,
    set: (value: string | null) => {
      current = value
      if (kept) write(value)
    },
    keep: () => {
      kept = true
      write(current)
    },
    forget: () => {
      kept = false
      write(null)
    }
  }
})()

export type ClerkOptions = { publishableKey: string; proxyUrl?: string }

/** One Clerk per page, loaded on first use; a failed load (offline) is tried again on the next use. */
function clerkLoader(options: ClerkOptions) {
  let loading: Promise<Clerk> | undefined
  const load = async () => {
    const { Clerk } = await import('@clerk/clerk-js/no-rhc')
    const clerk = new Clerk(options.publishableKey, options.proxyUrl ? { proxyUrl: options.proxyUrl } : {})
    // Offline, clerk-js can finish loading as if signed out; only an answer from Clerk says who is signed in.
    let answered = false
    clerk.__internal_onBeforeRequest(async (request) => {
      request.credentials = 'omit'
      request.url?.searchParams.append('_is_native', '1')
      const token = clientToken.get()
      if (token) (request.headers as Headers).set('authorization', `Bearer ${token}`)
    })
    clerk.__internal_onAfterResponse(async (_request, response) => {
      if (response) answered = true
      const header = response?.headers.get('authorization')
      if (header) clientToken.set(header.replace(/^Bearer\s+/i, ''))
    })
    // The new tab has its own router: Clerk must never navigate it (signOut would go to "/").
    const stay = async () => undefined
    await clerk.load({ standardBrowser: false, telemetry: false, routerPush: stay, routerReplace: stay })
    if (!answered) throw new Error('Could not reach the sign-in service.')
    return clerk
  }
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined
      throw error
    })
    // The browser knows it is offline: nobody waits for Clerk, or every caller (the session check on open,
    // then the first push) would show "Syncing…" for the whole timeout before "Offline". The load goes on,
    // so that it may be done when the browser is back online.
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      loading.catch(() => undefined)
      return Promise.reject(new Error('You are offline.'))
    }
    // Offline, clerk-js keeps retrying for a long time; past this the caller treats Clerk as unreachable
    // (the load goes on, and the next call may find it done).
    return Promise.race([loading, rejectAfter(LOAD_TIMEOUT_MS)])
  }
}

const LOAD_TIMEOUT_MS = 8_000

const rejectAfter = (ms: number) =>
  new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`Could not reach the sign-in service within ${ms / 1000} s`)), ms)
  )

/** Clerk could not be reached: for the sync engine that is being offline, not being signed out. */
const unreachable = (error: unknown) => new ApiError(0, 'network_error', describeClerkError(error))
const sessionEnded = () =>
  new ApiError(401, 'unauthorized', 'Your session has ended. Sign out and sign in again.')

function sessionOf(clerk: Clerk): Session | null {
  const user = clerk.user
  if (!user || !clerk.session) return null
  return {
    userId: user.id,
    label: user.primaryEmailAddress?.emailAddress ?? user.id,
    getToken: async () => {
      const session = clerk.session
      if (!session) throw sessionEnded()
      let token: string | null = null
      try {
        token = await session.getToken()
      } catch (error) {
        throw unreachable(error)
      }
      // clerk-js answers null rather than throw when it is offline.
      if (!token) throw unreachable(new Error('no session token'))
      return token
    },
    signOut: async () => {
      clientToken.forget()
      await clerk.signOut().catch(() => undefined)
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
    if (session?.userId !== userId) throw sessionEnded()
    return session
  }
  return {
    userId,
    getToken: async () => (await current()).getToken(),
    signOut: async () => {
      clientToken.forget()
      // Ends the session at Clerk too once it answers (while this page stays open); nobody waits for that.
      void current()
        .then((session) => session.signOut())
        .catch(() => undefined)
    }
  }
}

export function clerkProvider(options: ClerkOptions): SignInProvider {
  const load = clerkLoader(options)
  return {
    async restore(remembered) {
      // Never signed in on this browser: nothing to resume, so Clerk is not even loaded.
      if (!clientToken.get()) return null
      let clerk: Clerk
      try {
        clerk = await load()
      } catch {
        return remembered ? pendingSession(remembered, load) : null
      }
      const session = sessionOf(clerk)
      // Signed out elsewhere, or expired: the next tabs need not ask Clerk again.
      if (!session) clientToken.forget()
      return session
    },
    async signIn() {
      let clerk: Clerk
      try {
        clerk = await load()
      } catch (error) {
        throw new Error(describeClerkError(error))
      }
      if (!clerk.user) {
        const flow = createSignInFlow(clerk)
        const done = await new Promise<boolean>((resolve) =>
          openDialog({ kind: 'sign-in', flow, onDone: resolve })
        )
        if (!done) return null
      }
      const session = sessionOf(clerk)
      if (session) clientToken.keep()
      return session
    }
  }
}
