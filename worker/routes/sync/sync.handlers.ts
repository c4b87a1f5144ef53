// What the sync routes do: pages of changes with a cursor, pushes in one transaction, status, migration.
import type { RouteHandler } from '@hono/zod-openapi'
import type { Database } from '../../db/client'
import { bookmarks, groups, spaces } from '../../db/schema'
import { mapRow } from '../../db/versioned'
import type { AppEnv } from '../../lib/types'
import { toApi } from '../shared/serialize'
import { applyBatch, collectReferences } from './apply'
import { type CursorPosition, decodeCursor, END_OF_VERSION, encodeCursor } from './cursor'
import { entityTables, loadPushState, pullChanges, syncStatus, writePush } from './sync.queries'
import type * as routes from './sync.routes'
import type { Mutation } from './sync.schemas'

/** Epoch 0 means "no account row yet", which any later epoch continues. */
const sameAccount = (cursor: CursorPosition, epoch: number) => cursor.epoch === 0 || cursor.epoch === epoch

export const pull: RouteHandler<typeof routes.pull, AppEnv> = async (c) => {
  const { cursor, limit } = c.req.valid('query')
  let from = cursor ? decodeCursor(cursor) : undefined
  let page = await pullChanges(c.var.db, c.var.userId, from, limit)
  // A cursor from another life of the account, or ahead of a restored database, cannot be continued.
  const reset = from !== undefined && (!sameAccount(from, page.epoch) || from.version > page.head)
  if (reset) {
    from = undefined
    page = await pullChanges(c.var.db, c.var.userId, undefined, limit)
  }
  const hasMore = page.rows.length > limit
  const rows = page.rows.slice(0, limit)
  const last = rows.at(-1)
  const next: CursorPosition =
    hasMore && last
      ? { epoch: page.epoch, version: last.version, kind: last.k, id: last.id }
      : { epoch: page.epoch, version: page.head, kind: END_OF_VERSION, id: '' }

  const live = <T extends (typeof entityTables)[number]>(table: T) => {
    const k = entityTables.indexOf(table)
    return rows.flatMap((r) => (r.k === k && r.row ? [toApi(mapRow(table, r.row))] : []))
  }
  const deletedOf = (k: number) => rows.flatMap((r) => (r.k === k && !r.row ? [r.id] : []))
  return c.json(
    {
      cursor: encodeCursor(next),
      hasMore,
      reset,
      spaces: live(spaces),
      groups: live(groups),
      bookmarks: live(bookmarks),
      deleted: { spaces: deletedOf(0), groups: deletedOf(1), bookmarks: deletedOf(2) }
    },
    200
  )
}

/** Runs mutations in one transaction: load under the user's lock, decide, write. */
async function runBatch(
  db: Database,
  userId: string,
  clientId: string,
  mutations: Mutation[],
  onExisting: 'keep' | 'overwrite' = 'keep'
) {
  const refs = collectReferences(mutations)
  return db.transaction(async (tx) => {
    let state = await loadPushState(tx, userId, refs)
    // Another write got in while this one waited for the lock: read again, now under the lock, so that no
    // mutation id is applied twice and no two rows get one position. Uncontended pushes skip this.
    if (state.version !== state.seen + 1) state = await loadPushState(tx, userId, refs, false)
    const { results, writes, overwritten } = applyBatch(userId, clientId, state, mutations, onExisting)
    await writePush(tx, userId, writes)
    return { results, overwritten, version: state.version, epoch: state.epoch }
  })
}

export const push: RouteHandler<typeof routes.push, AppEnv> = async (c) => {
  const body = c.req.valid('json')
  const given = body.cursor ? decodeCursor(body.cursor) : undefined
  const { results, version, epoch } = await runBatch(c.var.db, c.var.userId, body.clientId, body.mutations)
  // Only a cursor that was current before this push may skip past it: otherwise another device's
  // changes between the two would be skipped.
  const current =
    given && sameAccount(given, epoch) && given.version === version - 1 && given.kind === END_OF_VERSION
  const cursor = current
    ? encodeCursor({ epoch, version, kind: END_OF_VERSION, id: '' })
    : (body.cursor ?? null)
  return c.json({ results, version, cursor }, 200)
}

export const status: RouteHandler<typeof routes.status, AppEnv> = async (c) => {
  const s = await syncStatus(c.var.db, c.var.userId)
  return c.json(
    {
      hasData: s.spaces + s.groups + s.bookmarks > 0,
      counts: { spaces: s.spaces, groups: s.groups, bookmarks: s.bookmarks },
      version: s.head,
      cursor: encodeCursor({ epoch: s.epoch, version: s.head, kind: END_OF_VERSION, id: '' })
    },
    200
  )
}

export const migrate: RouteHandler<typeof routes.migrate, AppEnv> = async (c) => {
  const body = c.req.valid('json')
  // Deterministic mutation ids make a retried migration a replay, never a duplicate.
  const id = (entity: string, entityId: string) => `migrate:${body.clientId}:${entity}:${entityId}`
  const creates = <E extends 'space' | 'group' | 'bookmark'>(entity: E, items: Array<{ id: string }>) =>
    items.map((data) => ({ mutationId: id(entity, data.id), entity, op: 'create', data }) as Mutation)
  const mutations = [
    ...creates('space', body.spaces),
    ...creates('group', body.groups),
    ...creates('bookmark', body.bookmarks)
  ]
  if (mutations.length === 0) {
    const s = await syncStatus(c.var.db, c.var.userId)
    const none = { spaces: 0, groups: 0, bookmarks: 0 }
    return c.json({ created: none, kept: 0, updated: 0, rejected: [], version: s.head }, 200)
  }
  // Upload: where the account has an id, the device's values win (decided under the batch's lock).
  const onExisting = body.mode === 'upload' ? 'overwrite' : 'keep'
  const { results, overwritten, version } = await runBatch(
    c.var.db,
    c.var.userId,
    body.clientId,
    mutations,
    onExisting
  )
  const ids = [...body.spaces, ...body.groups, ...body.bookmarks].map((item) => item.id)
  const created = { spaces: 0, groups: 0, bookmarks: 0 }
  results.forEach((r, i) => {
    const entity = mutations[i]?.entity
    if (r.status === 'applied' && entity && !overwritten.has(ids[i] ?? ''))
      created[`${entity}s` as const] += 1
  })
  return c.json(
    {
      created,
      kept: results.filter((r) => r.reason === 'already_exists').length,
      updated: overwritten.size,
      rejected: results.filter((r) => r.status === 'rejected' && r.reason !== 'already_exists'),
      version
    },
    200
  )
}
