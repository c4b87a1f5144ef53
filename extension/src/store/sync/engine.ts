// The sync engine of one signed-in account: pushes the IndexedDB outbox in batches, then pulls from the stored
// cursor until the server has nothing more, applying changes and tombstones through the store's remote path.
// Rules: a mutation leaves the outbox only once the server answered it; a cursor is stored only after its
// changes are; a failed or partial pull never deletes local data; a reset replaces local data with the
// server's and re-applies the pending outbox on top. Pushes carry the cursor: when the account's data was deleted
// since it was made (`account_reset`), the outbox is set aside rather than sent again into the emptied account.
import { type ApiClient, ApiError, type ApiSchemas, expectData } from '../../api/client'
import {
  dropFromOutbox,
  editPending,
  loadOutbox,
  loadPending,
  loadSetAside,
  releaseSetAside,
  type SetAside,
  setAside as storeSetAside
} from '../cache'
import { now } from '../ids'
import type { DataState, Mutation } from '../types'
import { remoteUpdate, replaceUpdate, type ServerChanges } from './apply-remote'
import { loadSyncMeta, saveCursor } from './meta'

export const PUSH_BATCH_SIZE = 500
export const PULL_PAGE_SIZE = 5000
export const PULL_INTERVAL_MS = 60_000
export const PUSH_DEBOUNCE_MS = 1000
/** One pusher per browser profile: every tab's engine takes this Web Lock for a whole push + pull. */
export const SYNC_LOCK = 'bookmarks-sync'
/** A change the server answers 500 for this many times, one cycle after another, is set aside. */
export const MAX_FAILED_TRIES = 3
/**
 * Why the outbox was set aside on `account_reset`. Uploading it would bring back data the person deleted for good,
 * so it waits, still shown, for them to try it again (into the account as it is now) or drop it.
 */
export const ACCOUNT_RESET_REASON =
  'Your account’s data was deleted after this change was made (on another device or through the API), so it was not uploaded'

export type SyncState = 'synced' | 'syncing' | 'offline' | 'error'
export type SyncStatus = {
  state: SyncState
  /** Mutations waiting in the outbox. */
  pending: number
  /** What went wrong, for 'error' (and 'offline'). */
  error?: string
  lastSyncedAt?: string
  /** Changes set aside (the server keeps refusing them): while there are any, nothing is "Synced". */
  setAside?: number
}

/** A mutation the server refused for good (e.g. its target was deleted on another device): it left the outbox. */
export type RejectedMutation = { mutation: Mutation; reason: string }

/** Applies server data to the in-memory store and persists it without touching the outbox (DataStore.applyRemote). */
export type ApplyRemote = (update: (draft: DataState) => void) => Promise<void>

export type SyncEngineOptions = {
  /** The cache key of the signed-in account (its outbox, data and sync state). */
  account: string
  client: ApiClient
  applyRemote: ApplyRemote
  onRejected?: (rejected: RejectedMutation[]) => void
  /** Changes just set aside, with why: the person can try them again or drop them. */
  onSetAside?: (entries: SetAside[]) => void
  onStatus?: (status: SyncStatus) => void
  pushBatchSize?: number
  pullPageSize?: number
  pullIntervalMs?: number
  pushDebounceMs?: number
}

export type PushReport = {
  applied: number
  rejected: RejectedMutation[]
  setAside: SetAside[]
  /** The server answered `account_reset`: the outbox was set aside, and the pull replaces local data. */
  accountReset?: boolean
}

/** The cursor a cycle's pushes carry; forgotten when the server cannot read it. */
type Seen = { cursor: string | undefined }

export type SyncEngine = {
  /** Push then pull, now (coalesced with a cycle already waiting). Never throws: the status says how it went. */
  syncNow: () => Promise<SyncStatus>
  /**
   * Pull on start, on window focus or coming online, and every minute; push shortly after local changes. Until
   * stop(), the profile knows that this engine syncs the account (engineRunning).
   */
  start: () => void
  stop: () => void
  /** Call after a local change was saved to the outbox: schedules a debounced push. */
  notifyChange: () => void
  status: () => SyncStatus
  /** The changes set aside, oldest first. */
  setAsideList: () => Promise<SetAside[]>
  /** Puts set-aside changes back at the front of the outbox and syncs. */
  retrySetAside: (mutationIds: string[]) => Promise<SyncStatus>
  /** Forgets set-aside changes for good; this device goes back to the server's copy of what they changed. */
  dropSetAside: (mutationIds: string[]) => Promise<SyncStatus>
}

type FullData = Omit<ServerChanges, 'deleted'>

let fallbackTail: Promise<unknown> = Promise.resolve()

const webLocks = () => {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  return locks && typeof locks.request === 'function' ? locks : undefined
}

/** Runs `work` holding the profile-wide sync lock (Web Locks API), or an in-page queue where there is none. */
export function withSyncLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = webLocks()
  if (locks) return locks.request(SYNC_LOCK, work) as Promise<T>
  const run = fallbackTail.then(work, work)
  fallbackTail = run.catch(() => undefined)
  return run
}

/** Held (shared) by every started engine for as long as it runs: tells other contexts that a page syncs `account`. */
export const engineLockName = (account: string) => `${SYNC_LOCK}:engine:${account}`

/**
 * Whether a started engine (an open new tab's) syncs `account` in this profile. The service worker asks before
 * pushing a capture itself: such an engine pushes it on the capture's broadcast (data-store.ts).
 */
export async function engineRunning(account: string): Promise<boolean> {
  const locks = webLocks()
  if (!locks || typeof locks.query !== 'function') return false
  const { held = [], pending = [] } = await locks.query()
  return [...held, ...pending].some((lock) => lock.name === engineLockName(account))
}

/** Holds the engine's presence lock until the returned function is called (a page's lock goes when it closes). */
function holdPresence(account: string): () => void {
  const locks = webLocks()
  const stop = new AbortController()
  locks
    ?.request(engineLockName(account), { mode: 'shared', signal: stop.signal }, () =>
      stop.signal.aborted
        ? undefined
        : new Promise<void>((resolve) =>
            stop.signal.addEventListener('abort', () => resolve(), { once: true })
          )
    )
    // Aborted before it was granted: nothing is held.
    .catch(() => undefined)
  return () => stop.abort()
}

const isOfflineError = (error: unknown) =>
  (error instanceof ApiError && (error.status === 0 || [502, 503, 504].includes(error.status))) ||
  (typeof navigator !== 'undefined' && navigator.onLine === false)

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** The ids a mutation names: its own and its parents'. */
const namedIds = (m: Mutation): string[] => {
  const d = m.data as { id?: string; spaceId?: string; groupId?: string; parentId?: string | null }
  return [d.id, d.spaceId, d.groupId, d.parentId ?? undefined].filter((id): id is string => !!id)
}

export type { SetAside }

const WAITS = 'Waits for a change that was set aside'

/**
 * The outbox beside what is set aside. Something a set-aside change creates is not on the server, so a later change
 * to it cannot reach the server apart from that create (it could only be refused as "not found"): an edit joins the
 * create, in order (it is how the person fixes it before trying again); deleting it settles both, and what waits
 * on it; anything else that names it waits beside it, and if it creates something, so does what needs that.
 */
function joinAside(
  aside: SetAside[],
  outbox: Mutation[]
): { aside: SetAside[]; outbox: Mutation[]; waiting: SetAside[] } {
  const creates = new Map<string, SetAside>()
  for (const a of aside) if (a.mutation.op === 'create') creates.set(a.mutation.data.id, a)
  if (creates.size === 0) return { aside, outbox, waiting: [] }
  const rest: Mutation[] = []
  const waiting: SetAside[] = []
  const deleted = new Set<string>()
  for (const m of outbox) {
    const target = m.op === 'update' ? creates.get(m.data.id) : undefined
    if (target)
      target.mutation = { ...target.mutation, data: { ...target.mutation.data, ...m.data } } as Mutation
    // Deleting what was never stored settles it: the create and what waits on it go, and the delete too.
    else if (m.op === 'delete' && creates.has(m.data.id)) deleted.add(m.data.id)
    else if (namedIds(m).some((id) => creates.has(id))) {
      const entry = { mutation: m, reason: WAITS }
      waiting.push(entry)
      if (m.op === 'create') creates.set(m.data.id, entry)
    } else rest.push(m)
  }
  const kept = (a: SetAside) => !namedIds(a.mutation).some((id) => deleted.has(id))
  return { aside: [...aside, ...waiting].filter(kept), outbox: rest, waiting: waiting.filter(kept) }
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { account, client, applyRemote } = options
  const batchSize = Math.max(1, Math.min(options.pushBatchSize ?? PUSH_BATCH_SIZE, PUSH_BATCH_SIZE))
  const pageSize = options.pullPageSize ?? PULL_PAGE_SIZE
  let current: SyncStatus = { state: 'synced', pending: 0 }
  const setStatus = (next: SyncStatus) => {
    if (
      next.state === current.state &&
      next.pending === current.pending &&
      next.error === current.error &&
      next.lastSyncedAt === current.lastSyncedAt &&
      next.setAside === current.setAside
    ) {
      return
    }
    current = next
    options.onStatus?.(next)
  }

  // ---- push ----
  async function dropAnswered(ids: string[], rejected: RejectedMutation[]) {
    await dropFromOutbox(account, ids)
    if (rejected.length > 0) options.onRejected?.(rejected)
  }

  /** 500s per mutation id in this page's life: a change fails this many cycles before it is set aside. */
  const failures = new Map<string, number>()

  /**
   * Sets `m` aside, and with it the waiting changes that need it (joinAside): when it creates something, an edit of
   * that thing joins it, and what goes inside it waits beside it; sent apart, they could only be refused.
   */
  async function setAsideWithDependents(m: Mutation, reason: string): Promise<SetAside[]> {
    const entry: SetAside = { mutation: m, reason }
    let entries: SetAside[] = [entry]
    await editPending(account, (aside, outbox) => {
      const joined = joinAside(
        [...aside.filter((a) => a.mutation.mutationId !== m.mutationId), entry],
        outbox.filter((later) => later.mutationId !== m.mutationId)
      )
      entries = [entry, ...joined.waiting]
      return { aside: joined.aside, outbox: joined.outbox }
    })
    options.onSetAside?.(entries)
    return entries
  }

  async function pushBatch(clientId: string, batch: Mutation[], seen: Seen): Promise<PushReport> {
    if (batch.length === 0) return { applied: 0, rejected: [], setAside: [] }
    try {
      const result = expectData(
        await client.POST('/v1/sync/push', {
          body: { clientId, mutations: batch, ...(seen.cursor ? { cursor: seen.cursor } : {}) }
        })
      )
      // The whole batch is refused and nothing was stored: the account was emptied after our cursor was made.
      if (result.results.some((r) => r.reason === 'account_reset'))
        return { applied: 0, rejected: [], setAside: [], accountReset: true }
      const sent = new Map(batch.map((m) => [m.mutationId, m]))
      const answered = result.results.filter((r) => sent.has(r.mutationId))
      const rejected = answered.flatMap((r) => {
        const mutation = sent.get(r.mutationId)
        return r.status === 'rejected' && mutation ? [{ mutation, reason: r.reason ?? 'rejected' }] : []
      })
      await dropAnswered(
        answered.map((r) => r.mutationId),
        rejected
      )
      return { applied: answered.length - rejected.length, rejected, setAside: [] }
    } catch (error) {
      // A batch the server refuses (400, 413) or fails on (500) as a whole changed nothing: halve it until the
      // one mutation at fault is found and set aside, so that one bad mutation cannot block the outbox.
      // 502/503/504 and no answer are the server or the network being away: the whole outbox waits.
      if (!(error instanceof ApiError)) throw error
      if (
        seen.cursor !== undefined &&
        error.status === 400 &&
        error.issues?.some((i) => i.path === 'cursor')
      ) {
        // The stored cursor is unreadable (corrupted storage), not the changes: send them without it. The pull
        // then starts over with a complete copy.
        seen.cursor = undefined
        await saveCursor(account, undefined)
        return pushBatch(clientId, batch, seen)
      }
      const refused = (error.status === 400 && error.code === 'validation_failed') || error.status === 413
      const failed = error.status === 500
      if (!refused && !failed) throw error
      const [only] = batch
      if (batch.length === 1 && only) {
        if (failed) {
          // A 500 may pass (a deploy, a lock): the change is tried again on the next cycles, then set aside.
          const tries = (failures.get(only.mutationId) ?? 0) + 1
          failures.set(only.mutationId, tries)
          if (tries < MAX_FAILED_TRIES) throw error
        }
        const reason = failed
          ? `The server failed on this change ${MAX_FAILED_TRIES} times: ${error.message}`
          : `The server refused it: ${error.message}`
        return { applied: 0, rejected: [], setAside: await setAsideWithDependents(only, reason) }
      }
      const half = Math.ceil(batch.length / 2)
      const first = await pushBatch(clientId, batch.slice(0, half), seen)
      if (first.accountReset) return first
      // The second half may hold changes that were set aside with the first's, or joined to it: only what is still
      // in the outbox goes.
      const second = await pushBatch(clientId, await stillWaiting(batch.slice(half), first), seen)
      return {
        applied: first.applied + second.applied,
        rejected: [...first.rejected, ...second.rejected],
        setAside: [...first.setAside, ...second.setAside],
        accountReset: second.accountReset
      }
    }
  }

  /** Joins the outbox's changes to what is set aside (joinAside), in one transaction. */
  async function joinSetAside(): Promise<void> {
    await editPending(account, (aside, outbox) => {
      const joined = joinAside(aside, outbox)
      return { aside: joined.aside, outbox: joined.outbox }
    })
  }

  /** `batch` without what left the outbox since it was loaded: set aside, or joined to a set-aside change. */
  async function stillWaiting(batch: Mutation[], done: PushReport): Promise<Mutation[]> {
    if (done.setAside.length === 0) return batch
    const left = new Set((await loadOutbox(account)).map((m) => m.mutationId))
    return batch.filter((m) => left.has(m.mutationId))
  }

  /**
   * On `account_reset`: every change waiting here was made against data that is gone for good, so none is sent
   * again by itself. They are set aside (still shown, each with the reason) for the person to try again into the
   * account as it is now, or to drop; the cycle's pull, with the same old cursor, resets local data to the
   * (empty) server copy.
   */
  async function setAsideForReset(): Promise<SetAside[]> {
    const entries = (await loadOutbox(account)).map((mutation) => ({
      mutation,
      reason: ACCOUNT_RESET_REASON
    }))
    if (entries.length === 0) return []
    await storeSetAside(account, entries)
    options.onSetAside?.(entries)
    return entries
  }

  /** Pushes everything in the outbox, oldest first, including what was added while pushing. */
  async function pushOutbox(clientId: string, seen: Seen): Promise<PushReport> {
    const report: PushReport = { applied: 0, rejected: [], setAside: [] }
    const sent = new Set<string>()
    for (;;) {
      // Each time, as changes made while pushing may be edits of a set-aside change.
      await joinSetAside()
      const waiting = (await loadOutbox(account)).filter((m) => !sent.has(m.mutationId))
      if (waiting.length === 0) return report
      for (let i = 0; i < waiting.length; i += batchSize) {
        const batch = waiting.slice(i, i + batchSize)
        for (const m of batch) sent.add(m.mutationId)
        const done = await pushBatch(clientId, batch, seen)
        report.applied += done.applied
        report.rejected.push(...done.rejected)
        report.setAside.push(...done.setAside)
        if (done.accountReset) {
          report.setAside.push(...(await setAsideForReset()))
          return { ...report, accountReset: true }
        }
        // What was set aside may have taken later changes with it: the next batches come from the outbox again.
        if (done.setAside.length > 0) break
      }
    }
  }

  // ---- pull ----
  /**
   * Pulls pages until `hasMore` is false. Incremental pages are applied (and their cursor stored) one by one.
   * A full pull (no cursor, a reset, or a refresh after a rejection) is collected whole and only then replaces
   * local data, so that an error halfway never leaves a partial copy and nothing fetched never deletes anything.
   */
  async function pullChanges(storedCursor: string | undefined): Promise<void> {
    let cursor = storedCursor
    let full = cursor === undefined
    let collected: FullData = { spaces: [], groups: [], bookmarks: [] }
    for (;;) {
      let page: ApiSchemas['PullResult']
      try {
        page = expectData(
          await client.GET('/v1/sync/pull', {
            params: { query: cursor ? { cursor, limit: pageSize } : { limit: pageSize } }
          })
        )
      } catch (error) {
        // A cursor the server cannot read (corrupted storage): start over with a complete copy.
        if (!(error instanceof ApiError && error.status === 400 && cursor !== undefined)) throw error
        cursor = undefined
        full = true
        collected = { spaces: [], groups: [], bookmarks: [] }
        continue
      }
      if (page.reset) {
        // The server cannot continue our cursor: this page starts a complete copy.
        full = true
        collected = { spaces: [], groups: [], bookmarks: [] }
      }
      if (full) {
        collected.spaces.push(...page.spaces)
        collected.groups.push(...page.groups)
        collected.bookmarks.push(...page.bookmarks)
      } else {
        const changed =
          page.spaces.length + page.groups.length + page.bookmarks.length > 0 ||
          page.deleted.spaces.length + page.deleted.groups.length + page.deleted.bookmarks.length > 0
        if (changed) await applyRemote(remoteUpdate(page, await loadPending(account), now()))
        if (page.cursor !== cursor) await saveCursor(account, page.cursor)
      }
      cursor = page.cursor
      if (!page.hasMore) break
    }
    if (full) {
      await applyRemote(replaceUpdate(collected, await loadPending(account), now()))
      await saveCursor(account, cursor)
    }
  }

  // ---- cycles ----
  async function cycle(): Promise<SyncStatus> {
    setStatus({ ...current, state: 'syncing', error: undefined })
    try {
      await withSyncLock(async () => {
        const meta = await loadSyncMeta(account)
        const seen: Seen = { cursor: meta.cursor }
        const pushed = await pushOutbox(meta.clientId, seen)
        let cursor = seen.cursor
        if (pushed.rejected.length > 0) {
          // A rejected mutation was applied locally but never will be on the server: roll it back by
          // replacing local data with the server's copy (pending mutations are re-applied on top).
          // Forgetting the cursor first keeps that promise even if this pull fails or the page closes.
          cursor = undefined
          await saveCursor(account, undefined)
        }
        await pullChanges(cursor)
      })
      setStatus({ state: 'synced', ...(await counts()), lastSyncedAt: now() })
    } catch (error) {
      const known = await counts().catch(() => ({ pending: current.pending, setAside: current.setAside }))
      setStatus({
        state: isOfflineError(error) ? 'offline' : 'error',
        ...known,
        error: describe(error),
        lastSyncedAt: current.lastSyncedAt
      })
    }
    return current
  }

  const counts = async () => {
    const [outbox, aside] = await Promise.all([loadOutbox(account), loadSetAside(account)])
    return { pending: outbox.length, setAside: aside.length }
  }

  let chain: Promise<unknown> = Promise.resolve()
  let waiting: Promise<SyncStatus> | undefined
  const syncNow = (): Promise<SyncStatus> => {
    // A cycle that has not started yet will see everything a new request would: share it.
    if (waiting) return waiting
    const next = chain.then(() => {
      waiting = undefined
      return cycle()
    })
    waiting = next
    chain = next.catch(() => undefined)
    return next
  }

  let interval: ReturnType<typeof setInterval> | undefined
  let debounce: ReturnType<typeof setTimeout> | undefined
  let started = false
  let releasePresence: (() => void) | undefined
  const onWake = () => void syncNow()

  const refreshPending = async () => {
    const known = await counts()
    if (current.state !== 'syncing') setStatus({ ...current, ...known })
  }

  return {
    syncNow,
    status: () => current,
    setAsideList: () => loadSetAside(account),
    async retrySetAside(mutationIds) {
      for (const id of mutationIds) failures.delete(id)
      // An edit made since (the fix, often) joins its set-aside change first: released before it, the change would
      // go without it, be refused again and take the edit aside with it. Under the lock, so that no push is under way
      // with the outbox as it was.
      await withSyncLock(async () => {
        await joinSetAside()
        await releaseSetAside(account, mutationIds, true)
      })
      return syncNow()
    },
    async dropSetAside(mutationIds) {
      // Under the lock, so that no cycle stores a cursor after this one is forgotten: the next pull is full and
      // replaces this device's data with the server's, without the dropped changes.
      await withSyncLock(async () => {
        await releaseSetAside(account, mutationIds, false)
        await saveCursor(account, undefined)
      })
      return syncNow()
    },
    start() {
      if (started) return
      started = true
      releasePresence = holdPresence(account)
      void syncNow()
      interval = setInterval(onWake, options.pullIntervalMs ?? PULL_INTERVAL_MS)
      if (typeof window !== 'undefined') {
        window.addEventListener('focus', onWake)
        window.addEventListener('online', onWake)
      }
    },
    stop() {
      started = false
      releasePresence?.()
      releasePresence = undefined
      clearInterval(interval)
      clearTimeout(debounce)
      if (typeof window !== 'undefined') {
        window.removeEventListener('focus', onWake)
        window.removeEventListener('online', onWake)
      }
    },
    notifyChange() {
      void refreshPending().catch(() => undefined)
      if (!started) return
      clearTimeout(debounce)
      debounce = setTimeout(onWake, options.pushDebounceMs ?? PUSH_DEBOUNCE_MS)
    }
  }
}
