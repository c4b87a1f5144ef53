// The session layer's types, apart from its code, so that the providers, the controller and the UI can share
// them without importing one another (and without the UI reaching into the sync engine for a type).
import type { DataStore } from '../store/data-store'
import type { MigrationChoice, SyncStatus } from '../store/sync'

export type { MigrationChoice, MigrationPlan, SyncStatus } from '../store/sync'
export type { Counts } from '../store/sync/migrate'
export type { SignInFlow, Step } from './clerk-flow'

/** What a sign-in provider (Clerk, or the dev user in development builds) gives the rest of the extension. */
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

/** Runs the migration the person chose, reporting progress; the migration dialog calls it. */
export type RunMigration = (
  choice: MigrationChoice,
  onProgress: (sent: number, total: number) => void
) => Promise<void>

/**
 * What the lazily loaded controller drives: the page's data, and the signals the UI reads through
 * useSession(), which belong to the page's session (session-context.ts) rather than to the controller.
 */
export type SessionHost = {
  store: DataStore
  signedInAs: () => string | null
  setSignedInAs: (userId: string | null) => void
  setAccountLabel: (label: string | null) => void
  setSyncStatus: (status: SyncStatus | null) => void
  setBusy: (busy: boolean) => void
}

/** A change set aside (the server keeps refusing it), as the person reads it. */
export type SetAsideChange = { mutationId: string; change: string; reason: string }
