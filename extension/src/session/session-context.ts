// The session as the UI sees it: one context (useSession()) with who is signed in, the sync status and the
// sign-in and sign-out actions. It is part of the first paint, so it stays light: the controller that signs in,
// talks to the API and runs the sync engine (controller.ts) is imported only when an action runs, after the
// first paint.
import { type Accessor, createContext, createSignal, useContext } from 'solid-js'
import { signInAvailable } from '../config'
import type { DataStore } from '../store/data-store'
import type { SessionHost, SetAsideChange, SyncStatus } from './types'

export type SessionContextValue = {
  /** Whether this build can sign in at all (Clerk, or a dev token). */
  signInAvailable: boolean
  /** The signed-in user's id, or null while signed out (or before a remembered session is restored). */
  signedInAs: Accessor<string | null>
  /** What the menu calls the signed-in account (its email address, or its id). */
  accountLabel: Accessor<string | null>
  /** The badge's status; null while signed out. */
  syncStatus: Accessor<SyncStatus | null>
  /** True while a sign-in is under way. */
  busy: Accessor<boolean>
  signIn: () => Promise<void>
  /** Asks first when changes have not reached the account yet. */
  signOut: () => Promise<void>
  /** The changes the server keeps refusing, set aside so that the rest syncs. */
  setAsideList: () => Promise<SetAsideChange[]>
  /** Tries them again (`retry`) or drops them. */
  releaseSetAside: (mutationIds: string[], retry: boolean) => Promise<void>
  /**
   * Deletes the account's data on the server and signs out; `keepCopy` keeps this browser's copy of it as
   * signed-out data. Rejects, with the reason, having changed nothing.
   */
  deleteAccountData: (options: { keepCopy: boolean }) => Promise<void>
}

/** The page's session: what the UI reads, and `restore`, which the entry calls once the data is in. */
export type PageSession = SessionContextValue & { restore: () => Promise<void> }

const controller = () => import('./controller')

export function createSession(store: DataStore): PageSession {
  const [signedInAs, setSignedInAs] = createSignal<string | null>(null)
  const [accountLabel, setAccountLabel] = createSignal<string | null>(null)
  const [syncStatus, setSyncStatus] = createSignal<SyncStatus | null>(null)
  const [busy, setBusy] = createSignal(false)
  const host: SessionHost = { store, signedInAs, setSignedInAs, setAccountLabel, setSyncStatus, setBusy }
  return {
    signInAvailable,
    signedInAs,
    accountLabel,
    syncStatus,
    busy,
    signIn: async () => (await controller()).signIn(host),
    signOut: async () => (await controller()).signOut(host),
    setAsideList: async () => (await controller()).setAsideList(),
    releaseSetAside: async (ids, retry) => (await controller()).releaseSetAside(ids, retry),
    deleteAccountData: async (options) => (await controller()).deleteAccountData(host, options),
    // Never before the first paint: it loads the sign-in code.
    restore: async () => {
      if (!signInAvailable) return
      await (await controller()).restore(host)
    }
  }
}

export const SessionContext = createContext<SessionContextValue>()

export function useSession(): SessionContextValue {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession() must be used inside <SessionContext.Provider>')
  return session
}
