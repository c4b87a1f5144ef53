// What the sync routes do: pages of changes with a cursor, pushes in one transaction, status, migration.
import type { RouteHandler } from '@hono/zod-openapi'
import type { Database } from '../../db/client'
import { jsonObject, jsonText, respondJson } from '../../lib/json-text'
import type { AppEnv } from '../../lib/types'
import { applyBatch, collectReferences } from './apply'
import { type CursorPosition, decodeCursor, END_OF_VERSION, encodeCursor } from './cursor'
import { loadPushState, type MutationKind, pullChanges, syncStatus, writePush } from './sync.queries'
import type * as routes from './sync.routes'
import type { Mutation, Outcome, PullResult } from './sync.schemas'

/** Epoch 0 means "no account row yet", which any later epoch continues. */
const sameAccount = (cursor: CursorPosition, epoch: number) => cursor.epoch === 0 || cursor.epoch === epoch

export const pull: RouteHandler<typeof routes.pull, AppEnv> = async (c) => {
  const { cursor, limit } = c.req.valid('query')
  let from = cursor ? decodeCursor(cursor) : undefined
  let page = await pullChanges(c.var.db, c.var.userId, from, limit)
  // A cursor from another life of the account (recreated, or its data deleted since), ahead of a restored
  // database, or behind a purged tombstone (sync/retention.ts: it would miss that delete) cannot be continued.
  const reset =
    from !== undefined &&
    (!sameAccount(from, page.epoch) ||
      from.generation !== page.generation ||
      from.version > page.head ||
      (page.purged > 0 &&
        (from.version < page.purged || (from.version === page.purged && from.kind !== END_OF_VERSION))))
  if (reset) {
    from = undefined
    page = await pullChanges(c.var.db, c.var.userId, undefined, limit)
  }
  const hasMore = page.count > limit
  const { epoch, generation, last } = page
  const next: CursorPosition =
    hasMore && last
      ? { epoch, generation, version: last.version, kind: last.k, id: last.id }
      : { epoch, generation, version: page.head, kind: END_OF_VERSION, id: '' }
  // The rows arrive as the API's JSON text (shared/api-json.ts) and are answered as they are: the body is
  // assembled around them, never parsed. sync.pull-json.test.ts holds them to the REST routes' objects.
  const body = jsonObject<PullResult>({
    cursor: jsonText(encodeCursor(next)),
    hasMore: jsonText(hasMore),
    reset: jsonText(reset),
    ...page.live,
    deleted: jsonObject<PullResult['deleted']>(page.deleted)
  })
  return respondJson(c, body, 200)
}

type BatchOptions = {
  /** What a create does with an id the account has: refuse it (`already_exists`) or overwrite its values. */
  onExisting?: 'keep' | 'overwrite'
  /** Migrate: a create past a quota refuses the whole batch (403, rolled back) instead of being an outcome. */
  refuseOverQuota?: boolean
  /** Whose mutation ids these are: a client's (push) or derived from the items (migrate). */
  kind?: MutationKind
  /** The generation of the client's cursor: a batch made before a deletion of the account is refused whole. */
  generation?: number
}

/** Rolls the batch's transaction back: the client's view is from before the account's data was deleted. */
class AccountReset {
  constructor(readonly head: number) {}
}

/** Runs mutations in one transaction: load under the user's lock, decide, write. */
async function runBatch(
  db: Database,
  userId: string,
  clientId: string,
  mutations: Mutation[],
  options: BatchOptions = {}
) {
  const kind = options.kind ?? 'push'
  const refs = collectReferences(mutations, kind)
  try {
    return await db.transaction(async (tx) => {
      let state = await loadPushState(tx, userId, refs)
      // Another write got in while this one waited for the lock: read again, now under the lock, so that no
      // mutation id is applied twice. Uncontended pushes skip this. A
      // DELETE /v1/me that committed meanwhile is one such write: its new generation is read here.
      if (state.version !== state.seen + 1) state = await loadPushState(tx, userId, refs, false)
      // Nothing of a batch from before a deletion may land: not its rows, its outcomes nor the account's row.
      if (options.generation !== undefined && state.generation !== options.generation)
        throw new AccountReset(state.version - 1)
      const applied = applyBatch(userId, clientId, state, mutations, options.onExisting, kind)
      const { results, replayed, writes, overwritten, quota } = applied
      const refusal = options.refuseOverQuota ? quota.refusal() : undefined
      if (refusal) throw refusal
      await writePush(tx, userId, writes)
      return {
        results,
        replayed,
        overwritten,
        version: state.version,
        epoch: state.epoch,
        generation: state.generation,
        accountReset: false as const
      }
    })
  } catch (err) {
    if (!(err instanceof AccountReset)) throw err
    // Every mutation gets the answer and none is stored: a replay with the same old cursor gets it again.
    const results = mutations.map(
      (m): Outcome => ({ mutationId: m.mutationId, status: 'rejected', reason: 'account_reset' })
    )
    return { results, version: err.head, accountReset: true as const }
  }
}

export const push: RouteHandler<typeof routes.push, AppEnv> = async (c) => {
  const body = c.req.valid('json')
  const given = body.cursor ? decodeCursor(body.cursor) : undefined
  const batch = await runBatch(c.var.db, c.var.userId, body.clientId, body.mutations, {
    generation: given?.generation
  })
  const { results, version } = batch
  if (batch.accountReset) return c.json({ results, version, cursor: body.cursor ?? null }, 200)
  const { epoch, generation } = batch
  // Only a cursor that was current before this push may skip past it: otherwise another device's
  // changes between the two would be skipped.
  const current =
    given && sameAccount(given, epoch) && given.version === version - 1 && given.kind === END_OF_VERSION
  const cursor = current
    ? encodeCursor({ epoch, generation, version, kind: END_OF_VERSION, id: '' })
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
      cursor: encodeCursor({
        epoch: s.epoch,
        generation: s.generation,
        version: s.head,
        kind: END_OF_VERSION,
        id: ''
      })
    },
    200
  )
}

export const migrate: RouteHandler<typeof routes.migrate, AppEnv> = async (c) => {
  const body = c.req.valid('json')
  // Deterministic mutation ids (of kind 'migrate', apart from clients' push ids) make a retried migration a
  // replay, never a duplicate; an item sent again with other values is applied again.
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
  const batch = await runBatch(c.var.db, c.var.userId, body.clientId, mutations, {
    onExisting,
    refuseOverQuota: true,
    kind: 'migrate'
  })
  if (batch.accountReset) throw new Error('A migration carries no cursor, so it is never refused as a reset')
  const { results, replayed, overwritten, version } = batch
  const ids = [...body.spaces, ...body.groups, ...body.bookmarks].map((item) => item.id)
  const created = { spaces: 0, groups: 0, bookmarks: 0 }
  // Only what this request wrote counts: a replayed item was created (or kept) by the request it repeats.
  results.forEach((r, i) => {
    const entity = mutations[i]?.entity
    if (r.status === 'applied' && entity && !replayed.has(r.mutationId) && !overwritten.has(ids[i] ?? ''))
      created[`${entity}s` as const] += 1
  })
  const alreadyThere = (r: Outcome) =>
    r.reason === 'already_exists' || (r.status === 'applied' && replayed.has(r.mutationId))
  return c.json(
    {
      created,
      kept: results.filter(alreadyThere).length,
      updated: overwritten.size,
      rejected: results.filter((r) => r.status === 'rejected' && r.reason !== 'already_exists'),
      version
    },
    200
  )
}
