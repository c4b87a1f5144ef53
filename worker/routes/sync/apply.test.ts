// The batch applier against a plain reference: random batches of creates, moves, reorders and deletes in a few
// lists end in exactly the orders model/rules.ts gives when applied one mutation at a time, however the applier
// keeps its lists.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { placed, reordered } from '../../../model/rules'
import { applyBatch, collectReferences, MembersNeeded, withAllMembers } from './apply'
import type { LoadedRow, PushState, PushWrites, Referenced } from './sync.queries'
import type { Mutation } from './sync.schemas'

const USER = 'user_apply'
const SPACE = 'space_a'
const GROUPS = ['group_a', 'group_b', 'group_c']

type Item = { id: string; order: number; group: string; deleted: boolean }

/** The rules applied naively: every list read and sorted again for every mutation. */
function reference(initial: Item[], mutations: Mutation[]): Map<string, Item> {
  const items = new Map(initial.map((i) => [i.id, { ...i }]))
  const live = (group: string, except?: Item) =>
    [...items.values()].filter((i) => i.group === group && !i.deleted && i !== except)
  const setOrders = (changes: [Item, number][]) => {
    for (const [item, order] of changes) item.order = order
  }
  for (const m of mutations) {
    if (m.entity !== 'bookmark') continue
    if (m.op === 'create') {
      if (items.has(m.data.id)) continue
      const item = { id: m.data.id, order: 0, group: m.data.groupId, deleted: false }
      setOrders(placed(live(item.group), item, m.data.order))
      items.set(item.id, item)
    } else if (m.op === 'move') {
      const item = items.get(m.data.id)
      if (!item || item.deleted) continue
      item.group = m.data.groupId
      setOrders(placed(live(item.group, item), item, m.data.index))
    } else if (m.op === 'reorder') {
      const ids = m.data.orderedIds
      if (ids.length === 0 || new Set(ids).size !== ids.length) continue
      setOrders(reordered(live(m.data.parentId), ids))
    } else if (m.op === 'delete') {
      const item = items.get(m.data.id)
      if (item) item.deleted = true
    }
  }
  return items
}

const row = (r: Record<string, unknown> & { id: string }): LoadedRow => ({ user_id: USER, ...r })

/** Every row a push writes, whole or by its place alone, as columns. */
function written(writes: PushWrites, table: 'groups' | 'bookmarks'): Record<string, unknown>[] {
  const places = writes.positions[table].flatMap((run) =>
    run.ids.map((id, i) => ({ ...run, ids: undefined, orders: undefined, id, order: run.orders[i] }))
  )
  return [...writes[table], ...places]
}

/**
 * What the load gives for `refs` (sync.queries.ts): whole rows for the ids the batch creates or deletes, the place
 * alone of those it only moves, the other live items of the lists it renumbers as members (id and order only), and
 * of the lists it only adds to their count and largest order; nothing of any other item. With `refs` undefined,
 * every item comes whole.
 */
function stateOf(initial: Item[], refs?: Referenced): PushState {
  const whole = (i: Item) => !refs || refs.bookmarkIds.includes(i.id)
  const moved = initial.filter((i) => refs?.movedBookmarkIds.includes(i.id))
  const unnamed = (g: string) =>
    initial.filter((i) => i.group === g && !i.deleted && !whole(i) && !moved.includes(i))
  const place = (i: Item) => ({
    id: i.id,
    space_id: SPACE,
    group_id: i.group,
    order: i.order,
    deleted_at: i.deleted ? '2026-01-01T00:00:00Z' : null
  })
  return {
    version: 2,
    seen: 1,
    epoch: 1,
    generation: 0,
    prior: [],
    spaces: [row({ id: SPACE, order: 0, deleted_at: null, name: 'S' })],
    groups: GROUPS.map((id, i) => row({ id, space_id: SPACE, order: i, deleted_at: null, name: id })),
    lists: {
      groups: [],
      bookmarks: (refs?.bookmarksOfGroups ?? []).map((parent) => ({
        parent,
        members: unnamed(parent).map((i): [string, number] => [i.id, i.order])
      }))
    },
    tails: {
      groups: [],
      bookmarks: (refs?.bookmarkTails ?? []).flatMap((parent) => {
        const rest = unnamed(parent)
        return rest.length > 0
          ? [{ parent, count: rest.length, last: Math.max(...rest.map((i) => i.order)) }]
          : []
      })
    },
    moved: { groups: [], bookmarks: moved.map((i) => row(place(i))) },
    bookmarks: initial
      .filter(whole)
      .map((i) => row({ ...place(i), title: i.id, url: 'https://example.com/' }))
  } as PushState
}

/** Applies a batch to what the load gives for it, loading every list whole when the batch asks (as the handler). */
function applyAsLoaded(initial: Item[], mutations: Mutation[]) {
  const refs = collectReferences(mutations)
  try {
    return applyBatch(USER, 'client', stateOf(initial, refs), mutations, 'keep', 'push', refs)
  } catch (err) {
    if (!(err instanceof MembersNeeded)) throw err
    const all = withAllMembers(refs)
    return applyBatch(USER, 'client', stateOf(initial, all), mutations, 'keep', 'push', all)
  }
}

const ids = Array.from({ length: 24 }, (_, i) => `bookmark_${i}`)
const anyId = fc.constantFrom(...ids)
const anyGroup = fc.constantFrom(...GROUPS)
const index = fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined })
let n = 0
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ id: anyId, groupId: anyGroup, order: index }).map(
    ({ id, groupId, order }) =>
      ({
        mutationId: `m${n++}`,
        entity: 'bookmark',
        op: 'create',
        data: { id, groupId, title: id, url: 'https://example.com/', order }
      }) as Mutation
  ),
  fc
    .record({ id: anyId, groupId: anyGroup, index })
    .map((data) => ({ mutationId: `m${n++}`, entity: 'bookmark', op: 'move', data }) as Mutation),
  fc
    .record({ parentId: anyGroup, orderedIds: fc.array(anyId, { maxLength: 6 }) })
    .map((data) => ({ mutationId: `m${n++}`, entity: 'bookmark', op: 'reorder', data }) as Mutation),
  anyId.map((id) => ({ mutationId: `m${n++}`, entity: 'bookmark', op: 'delete', data: { id } }) as Mutation)
)
const initialItems = fc
  .array(fc.record({ group: anyGroup, order: fc.integer({ min: 0, max: 40 }), deleted: fc.boolean() }), {
    maxLength: 16
  })
  .map((list) => list.map((item, i) => ({ id: ids[i] as string, ...item })))

describe('applyBatch orders', () => {
  it.each([
    ['every row loaded whole', false],
    ['rows loaded as the push loads them: by place, by list member or by list tail', true]
  ])('ends in the orders of the rules applied one mutation at a time (%s)', (_, asLoaded) => {
    fc.assert(
      fc.property(initialItems, fc.array(mutation, { minLength: 1, maxLength: 40 }), (initial, mutations) => {
        const { writes } = asLoaded
          ? applyAsLoaded(initial, mutations)
          : applyBatch(USER, 'client', stateOf(initial), mutations)
        // A row written whole has all its columns: a member (id and order only) never is.
        for (const w of writes.bookmarks) expect(w.title, String(w.id)).toBeTypeOf('string')
        const expected = reference(initial, mutations)
        const actual = new Map(initial.map((i) => [i.id, { ...i }]))
        for (const w of written(writes, 'bookmarks')) {
          actual.set(String(w.id), {
            id: String(w.id),
            order: Number(w.order),
            group: String(w.group_id),
            deleted: Boolean(w.deleted)
          })
        }
        const live = (m: Map<string, Item>) =>
          [...m.values()]
            .filter((i) => !i.deleted)
            .map((i) => [i.id, i.group, i.order])
            .sort()
        expect(live(actual)).toEqual(live(expected))
        expect(
          [...actual.values()]
            .filter((i) => i.deleted)
            .map((i) => i.id)
            .sort()
        ).toEqual(
          [...expected.values()]
            .filter((i) => i.deleted)
            .map((i) => i.id)
            .sort()
        )
      }),
      { numRuns: 400, seed: 7 }
    )
  })
})

describe('applyBatch groups: moves between spaces carry bookmarks, deletes cascade', () => {
  const SPACES = ['space_a', 'space_b']
  const groupIds = Array.from({ length: 8 }, (_, i) => `group_${i}`)
  type G = { id: string; space: string; order: number; deleted: boolean }
  type B = { id: string; group: string; deleted: boolean }

  function referenceGroups(groups: G[], marks: B[], mutations: Mutation[]) {
    const gs = new Map(groups.map((g) => [g.id, { ...g }]))
    const bs = new Map(marks.map((b) => [b.id, { ...b }]))
    const deadSpaces = new Set<string>()
    const live = (space: string, except?: G) =>
      [...gs.values()].filter((g) => g.space === space && !g.deleted && g !== except)
    const setOrders = (changes: [G, number][]) => {
      for (const [g, order] of changes) g.order = order
    }
    for (const m of mutations) {
      if (m.entity === 'group' && m.op === 'move') {
        const g = gs.get(m.data.id)
        if (!g || g.deleted || deadSpaces.has(m.data.spaceId)) continue
        g.space = m.data.spaceId
        setOrders(placed(live(g.space, g), g, m.data.index))
      } else if (m.entity === 'group' && m.op === 'reorder') {
        const ids = m.data.orderedIds
        if (ids.length === 0 || new Set(ids).size !== ids.length || deadSpaces.has(m.data.parentId)) continue
        setOrders(reordered(live(m.data.parentId), ids))
      } else if (m.entity === 'group' && m.op === 'delete') {
        const g = gs.get(m.data.id)
        if (!g || g.deleted) continue
        g.deleted = true
        for (const b of bs.values()) if (b.group === g.id) b.deleted = true
      } else if (m.entity === 'space' && m.op === 'delete') {
        if (deadSpaces.has(m.data.id)) continue
        deadSpaces.add(m.data.id)
        for (const g of gs.values()) {
          if (g.space !== m.data.id) continue
          g.deleted = true
          for (const b of bs.values()) if (b.group === g.id) b.deleted = true
        }
      }
    }
    return { gs, bs }
  }

  const anySpace = fc.constantFrom(...SPACES)
  const anyGroupId = fc.constantFrom(...groupIds)
  const groupMutation: fc.Arbitrary<Mutation> = fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .record({ id: anyGroupId, spaceId: anySpace, index })
        .map((data) => ({ mutationId: `g${n++}`, entity: 'group', op: 'move', data }) as Mutation)
    },
    {
      weight: 3,
      arbitrary: fc
        .record({ parentId: anySpace, orderedIds: fc.array(anyGroupId, { maxLength: 4 }) })
        .map((data) => ({ mutationId: `g${n++}`, entity: 'group', op: 'reorder', data }) as Mutation)
    },
    {
      weight: 1,
      arbitrary: anyGroupId.map(
        (id) => ({ mutationId: `g${n++}`, entity: 'group', op: 'delete', data: { id } }) as Mutation
      )
    },
    {
      weight: 1,
      arbitrary: anySpace.map(
        (id) => ({ mutationId: `g${n++}`, entity: 'space', op: 'delete', data: { id } }) as Mutation
      )
    }
  )

  it('ends where the rules applied one mutation at a time end, bookmarks in their group’s final space', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ space: anySpace, order: fc.integer({ min: 0, max: 10 }), deleted: fc.boolean() }),
          {
            minLength: 1,
            maxLength: groupIds.length
          }
        ),
        fc.array(groupMutation, { minLength: 1, maxLength: 30 }),
        (list, mutations) => {
          const groups: G[] = list.map((g, i) => ({ id: groupIds[i] as string, ...g }))
          // Two bookmarks in every group (tombstoned with a deleted group), loaded: they must follow their group.
          const marks: B[] = groups.flatMap((g) =>
            [0, 1].map((k) => ({ id: `bookmark_${g.id}_${k}`, group: g.id, deleted: g.deleted }))
          )
          const state = {
            version: 2,
            seen: 1,
            epoch: 1,
            generation: 0,
            prior: [],
            spaces: SPACES.map((id, i) => row({ id, order: i, deleted_at: null, name: id })),
            groups: groups.map((g) =>
              row({
                id: g.id,
                space_id: g.space,
                order: g.order,
                deleted_at: g.deleted ? '2026-01-01' : null,
                name: g.id
              })
            ),
            // The groups the batch only moves come twice, as the load gives them: whole (the parents of loaded
            // bookmarks) and with their place only; the live ones again as members of their space's list.
            moved: {
              groups: groups
                .filter((g) => collectReferences(mutations).movedGroupIds.includes(g.id))
                .map((g) =>
                  row({
                    id: g.id,
                    space_id: g.space,
                    order: g.order,
                    deleted_at: g.deleted ? '2026-01-01' : null
                  })
                ),
              bookmarks: []
            },
            lists: {
              groups: SPACES.map((parent) => ({
                parent,
                members: groups
                  .filter((g) => g.space === parent && !g.deleted)
                  .map((g): [string, number] => [g.id, g.order])
              })),
              bookmarks: []
            },
            bookmarks: marks.map((b) =>
              row({
                id: b.id,
                group_id: b.group,
                space_id: groups.find((g) => g.id === b.group)?.space,
                order: 0,
                deleted_at: b.deleted ? '2026-01-01' : null,
                title: b.id,
                url: 'https://example.com/'
              })
            )
          } as PushState
          const { writes } = applyBatch(USER, 'client', state, mutations)
          const expected = referenceGroups(groups, marks, mutations)
          const finalGroups = new Map(groups.map((g) => [g.id, { ...g }]))
          for (const w of written(writes, 'groups'))
            finalGroups.set(String(w.id), {
              id: String(w.id),
              space: String(w.space_id),
              order: Number(w.order),
              deleted: Boolean(w.deleted)
            })
          const liveGroups = (m: Map<string, G>) =>
            [...m.values()]
              .filter((g) => !g.deleted)
              .map((g) => [g.id, g.space, g.order])
              .sort()
          expect(liveGroups(finalGroups)).toEqual(liveGroups(expected.gs))
          // Every loaded bookmark ends in its group's final space, tombstoned with it when it went.
          const finalMarks = new Map(
            marks.map((b) => [
              b.id,
              { space: groups.find((g) => g.id === b.group)?.space, deleted: b.deleted }
            ])
          )
          for (const w of written(writes, 'bookmarks'))
            finalMarks.set(String(w.id), { space: String(w.space_id), deleted: Boolean(w.deleted) })
          for (const b of marks) {
            const group = expected.gs.get(b.group)
            expect(finalMarks.get(b.id)?.deleted, b.id).toBe(expected.bs.get(b.id)?.deleted)
            if (group && !group.deleted) expect(finalMarks.get(b.id)?.space, b.id).toBe(group.space)
          }
        }
      ),
      { numRuns: 300, seed: 11 }
    )
  })
})
