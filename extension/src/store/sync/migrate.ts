// The first sign-in with local data, without the dialog: what to ask, and the chosen migration sent in a few
// atomic, retry-safe requests. The dialog (UI) calls planMigration() to get the counts and whether to ask,
// then runMigration() with the answer; the sync engine's first pull follows.
import { positionsBetween } from '../../../../model/position'
import { byPosition, parentField } from '../../../../model/rules'
import { type ApiClient, ApiError, type ApiSchemas, expectData } from '../../api/client'
import { type SetAside, setAside } from '../cache'
import { newId } from '../ids'
import type { Bookmark, DataState, Group, Mutation, Space } from '../types'
import { loadSyncMeta, markMigrated } from './meta'

export type Counts = { spaces: number; groups: number; bookmarks: number }

/**
 * - `done`: answered before for this account: never ask again.
 * - `pull`: no local data: just sync.
 * - `upload`: the cloud is empty: upload silently.
 * - `ask`: data on both sides: show Upload my data / Use cloud data / Keep both, with the counts.
 */
export type MigrationAction = 'done' | 'pull' | 'upload' | 'ask'
export type MigrationPlan = { action: MigrationAction; local: Counts; cloud: Counts }

/**
 * upload: this device's data goes up, its values win where the cloud has the same item; cloud: show the
 * cloud's data (this device's stays aside); merge: keep both (the server's row wins on the same item).
 */
export type MigrationChoice = 'upload' | 'cloud' | 'merge'

export type MigrationReport = {
  created: Counts
  /** Keep both: items whose id the cloud already had (the cloud's version was kept). */
  kept: number
  /** Upload: items whose id the cloud already had, now with this device's values. */
  updated: number
  /** Items the server refused (e.g. a bookmark whose group is missing), with the reason. */
  rejected: { id: string; reason: string }[]
  /** Local items that are not valid API data (e.g. a title too long), left out, with the server's message. */
  skipped: { id: string; message: string }[]
}

export type MigrationOptions = {
  client: ApiClient
  /** The signed-in account's cache key (its sync state records that the question was answered). */
  account: string
  choice: MigrationChoice
  /** The data made before signing in (the local account's). */
  local: DataState
  /** Called after each request with how many items have been sent out of the total. */
  onProgress?: (sent: number, total: number) => void
  /** Items per request; the server takes up to 1,000 spaces, 5,000 groups and 10,000 bookmarks. */
  chunkSize?: number
}

export const MIGRATION_CHUNK_SIZE = 2500
const MAX_SPACES_PER_REQUEST = 1000

const countsOf = (data: DataState): Counts => ({
  spaces: Object.keys(data.spaces).length,
  groups: Object.keys(data.groups).length,
  bookmarks: Object.keys(data.bookmarks).length
})

const total = (c: Counts) => c.spaces + c.groups + c.bookmarks

export async function planMigration(
  client: ApiClient,
  account: string,
  local: DataState
): Promise<MigrationPlan> {
  const localCounts = countsOf(local)
  const meta = await loadSyncMeta(account)
  if (meta.migrated)
    return { action: 'done', local: localCounts, cloud: { spaces: 0, groups: 0, bookmarks: 0 } }
  const status = expectData(await client.GET('/v1/sync/status'))
  const action: MigrationAction = total(localCounts) === 0 ? 'pull' : status.hasData ? 'ask' : 'upload'
  return { action, local: localCounts, cloud: status.counts }
}

type Chunk = { spaces: Space[]; groups: Group[]; bookmarks: Bookmark[] }

/** Parents before children, so that every chunk's items find their parents in it or in an earlier one. */
function chunksOf(data: DataState, size: number): Chunk[] {
  const chunks: Chunk[] = []
  let chunk: Chunk = { spaces: [], groups: [], bookmarks: [] }
  let items = 0
  const next = () => {
    if (items > 0) chunks.push(chunk)
    chunk = { spaces: [], groups: [], bookmarks: [] }
    items = 0
  }
  const add = <K extends keyof Chunk>(kind: K, item: Chunk[K][number]) => {
    if (items >= size || (kind === 'spaces' && chunk.spaces.length >= MAX_SPACES_PER_REQUEST)) next()
    ;(chunk[kind] as Chunk[K][number][]).push(item)
    items++
  }
  // In their order, with their keys: the account stores each where its key says, so every list keeps this
  // device's order (beside what the account already held there, by key).
  for (const space of Object.values(data.spaces).sort(byPosition)) add('spaces', space)
  for (const group of Object.values(data.groups).sort(byPosition)) add('groups', group)
  for (const bookmark of Object.values(data.bookmarks).sort(byPosition)) add('bookmarks', bookmark)
  next()
  return chunks
}

/**
 * This device's items with keys before the first key of the account's same list, where the account already holds
 * items there: an upload (or keep both) puts this device's lists first, in their order, as the person saw them,
 * and the account's after; keys made apart on two sides would interleave the two lists instead. Items the
 * account has too keep their place there (the server never moves them). One full pull, once, at first sign-in.
 */
async function beforeTheAccount(client: ApiClient, local: DataState): Promise<DataState> {
  const account = new Map<string, { id: string; position: string }[]>()
  const known = new Set<string>()
  const listOf = (kind: 'space' | 'group' | 'bookmark', item: Record<string, unknown>) => {
    const field = parentField[kind]
    return `${kind}:${field ? String(item[field]) : ''}`
  }
  let cursor: string | undefined
  for (;;) {
    const page = expectData(
      await client.GET('/v1/sync/pull', { params: { query: { limit: 10_000, cursor } } })
    )
    for (const [kind, items] of [
      ['space', page.spaces],
      ['group', page.groups],
      ['bookmark', page.bookmarks]
    ] as const)
      for (const item of items) {
        known.add(item.id)
        const key = listOf(kind, item)
        account.set(key, [...(account.get(key) ?? []), item])
      }
    cursor = page.cursor
    if (!page.hasMore) break
  }
  if (account.size === 0) return local
  const out: DataState = {
    spaces: { ...local.spaces },
    groups: { ...local.groups },
    bookmarks: { ...local.bookmarks }
  }
  for (const kind of ['space', 'group', 'bookmark'] as const) {
    const table = out[`${kind}s`] as Record<string, Space | Group | Bookmark>
    const lists = new Map<string, (Space | Group | Bookmark)[]>()
    for (const item of Object.values(table)) {
      if (known.has(item.id)) continue
      const key = listOf(kind, item as unknown as Record<string, unknown>)
      if (account.has(key)) lists.set(key, [...(lists.get(key) ?? []), item])
    }
    for (const [key, items] of lists) {
      const first = (account.get(key) ?? []).reduce<string | null>(
        (min, item) => (min === null || item.position < min ? item.position : min),
        null
      )
      const keys = positionsBetween(null, first, items.length)
      if (!keys) continue
      items.sort(byPosition).forEach((item, i) => {
        table[item.id] = { ...item, position: keys[i] as string }
      })
    }
  }
  return out
}

/** Where the server's validation issues point (e.g. `bookmarks.12.title`): those items are left out. */
function invalidItems(
  chunk: Chunk,
  error: ApiError
): { kind: keyof Chunk; index: number; message: string }[] {
  const found = new Map<string, { kind: keyof Chunk; index: number; message: string }>()
  for (const issue of error.issues ?? []) {
    const match = /^(spaces|groups|bookmarks)\.(\d+)(\.|$)/.exec(issue.path)
    if (!match) continue
    const kind = match[1] as keyof Chunk
    const index = Number(match[2])
    const key = `${kind}.${index}`
    if (chunk[kind][index] && !found.has(key)) {
      found.set(key, { kind, index, message: `${issue.path}: ${issue.message}` })
    }
  }
  return [...found.values()]
}

/**
 * Sends the chosen migration. Each request is atomic and safe to retry (the server derives its mutation ids
 * from the client id and the item ids); a failed run can simply be run again. "Use cloud data" sends nothing.
 */
export async function runMigration(options: MigrationOptions): Promise<MigrationReport> {
  const { client, account, choice } = options
  const report: MigrationReport = {
    created: { spaces: 0, groups: 0, bookmarks: 0 },
    kept: 0,
    updated: 0,
    rejected: [],
    skipped: []
  }
  if (choice === 'cloud') {
    await markMigrated(account)
    return report
  }
  const meta = await loadSyncMeta(account)
  const local = await beforeTheAccount(client, options.local)
  const chunks = chunksOf(local, Math.max(1, options.chunkSize ?? MIGRATION_CHUNK_SIZE))
  const all = total(countsOf(options.local))
  let sent = 0
  const mode = choice
  for (const original of chunks) {
    const chunk: Chunk = { ...original }
    for (let attempt = 0; ; attempt++) {
      try {
        const result: ApiSchemas['MigrateResult'] = expectData(
          await client.POST('/v1/sync/migrate', { body: { mode, clientId: meta.clientId, ...chunk } })
        )
        report.created.spaces += result.created.spaces
        report.created.groups += result.created.groups
        report.created.bookmarks += result.created.bookmarks
        report.kept += result.kept
        report.updated += result.updated
        for (const r of result.rejected) {
          report.rejected.push({
            id: r.mutationId.split(':').at(-1) ?? r.mutationId,
            reason: r.reason ?? 'rejected'
          })
        }
        break
      } catch (error) {
        const invalid =
          error instanceof ApiError && error.status === 400 && attempt < 3 ? invalidItems(chunk, error) : []
        if (invalid.length === 0) throw error
        for (const i of invalid) {
          const item = chunk[i.kind][i.index]
          if (item) report.skipped.push({ id: item.id, message: i.message })
        }
        const keep = (kind: keyof Chunk) => {
          const drop = new Set(invalid.filter((i) => i.kind === kind).map((i) => i.index))
          return (_: unknown, index: number) => !drop.has(index)
        }
        chunk.spaces = chunk.spaces.filter(keep('spaces'))
        chunk.groups = chunk.groups.filter(keep('groups'))
        chunk.bookmarks = chunk.bookmarks.filter(keep('bookmarks'))
      }
    }
    sent += original.spaces.length + original.groups.length + original.bookmarks.length
    options.onProgress?.(sent, all)
  }
  await setAsideLeftOut(account, local, report)
  await markMigrated(account)
  return report
}

/**
 * What the upload left out (refused or invalid) is set aside as a create of each item, with the reason: the
 * person sees it in the sync badge's list, to fix and try again or to drop, and nothing is "Synced" meanwhile.
 */
async function setAsideLeftOut(account: string, local: DataState, report: MigrationReport): Promise<void> {
  const reasons = new Map<string, string>([
    ...report.skipped.map((s): [string, string] => [s.id, `The server refused it: ${s.message}`]),
    ...report.rejected.map((r): [string, string] => [r.id, `The server refused it (${r.reason})`])
  ])
  if (reasons.size === 0) return
  const entries: SetAside[] = []
  // Parents first, each list in its order, as a push would send them.
  for (const entity of ['space', 'group', 'bookmark'] as const) {
    const table = local[`${entity}s`] as Record<string, Space | Group | Bookmark>
    for (const item of Object.values(table).sort(byPosition)) {
      const reason = reasons.get(item.id)
      if (!reason) continue
      const mutation = { mutationId: newId('mutation'), op: 'create', entity, data: item } as Mutation
      entries.push({ mutation, reason })
    }
  }
  await setAside(account, entries)
}
