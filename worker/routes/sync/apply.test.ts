// The batch applier against a plain reference: random batches of creates, moves and deletes in a few lists end
// with exactly the keys and parents the mutations name, and write no row that no mutation touched: a move writes
// its one row, whatever the size of the list.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { positionsBetween } from '../../../model/position'
import { applyBatch, collectReferences } from './apply'
import type { LoadedRow, PushState, PushWrites, Referenced } from './sync.queries'
import type { Mutation } from './sync.schemas'

const USER = 'user_apply'
const SPACE = 'space_a'
const GROUPS = ['group_a', 'group_b', 'group_c']
/** Keys a device could send: valid and in order (their order does not matter here, only that they are kept). */
const KEYS = positionsBetween(null, null, 40) as string[]

type Item = { id: string; position: string; group: string; deleted: boolean }

/** The mutations applied naively, one at a time: a create or a move takes the key it names, a delete tombstones. */
function reference(initial: Item[], mutations: Mutation[]): Map<string, Item> {
  const items = new Map(initial.map((i) => [i.id, { ...i }]))
  for (const m of mutations) {
    if (m.entity !== 'bookmark') continue
    if (m.op === 'create') {
      if (items.has(m.data.id)) continue
      items.set(m.data.id, {
        id: m.data.id,
        position: m.data.position ?? '',
        group: m.data.groupId,
        deleted: false
      })
    } else if (m.op === 'move') {
      const item = items.get(m.data.id)
      if (!item || item.deleted) continue
      item.group = m.data.groupId
      item.position = m.data.position ?? ''
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
    run.ids.map((id, i) => ({ ...run, ids: undefined, positions: undefined, id, position: run.positions[i] }))
  )
  return [...writes[table], ...places]
}

/**
 * What the load gives for `refs` (sync.queries.ts): whole rows for the ids the batch creates or deletes, the place
 * alone of those it only moves, nothing of any other item. With `refs` undefined, every item comes whole.
 */
function stateOf(initial: Item[], refs?: Referenced): PushState {
  const whole = (i: Item) => !refs || refs.bookmarkIds.includes(i.id)
  const moved = initial.filter((i) => refs?.movedBookmarkIds.includes(i.id))
  const place = (i: Item) => ({
    id: i.id,
    space_id: SPACE,
    group_id: i.group,
    position: i.position,
    deleted_at: i.deleted ? '2026-01-01T00:00:00Z' : null
  })
  return {
    version: 2,
    seen: 1,
    epoch: 1,
    generation: 0,
    prior: [],
    spaces: [row({ id: SPACE, position: 'a0', deleted_at: null, name: 'S' })],
    groups: GROUPS.map((id, i) =>
      row({ id, space_id: SPACE, position: KEYS[i], deleted_at: null, name: id })
    ),
    moved: { groups: [], bookmarks: moved.map((i) => row(place(i))) },
    bookmarks: initial
      .filter(whole)
      .map((i) => row({ ...place(i), title: i.id, url: 'https://example.com/' }))
  } as PushState
}

const ids = Array.from({ length: 24 }, (_, i) => `bookmark_${i}`)
const anyId = fc.constantFrom(...ids)
const anyGroup = fc.constantFrom(...GROUPS)
const anyKey = fc.constantFrom(...KEYS)
let n = 0
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ id: anyId, groupId: anyGroup, position: anyKey }).map(
    (data) =>
      ({
        mutationId: `m${n++}`,
        entity: 'bookmark',
        op: 'create',
        data: { ...data, title: data.id, url: 'https://example.com/' }
      }) as Mutation
  ),
  fc
    .record({ id: anyId, groupId: anyGroup, position: anyKey })
    .map((data) => ({ mutationId: `m${n++}`, entity: 'bookmark', op: 'move', data }) as Mutation),
  anyId.map((id) => ({ mutationId: `m${n++}`, entity: 'bookmark', op: 'delete', data: { id } }) as Mutation)
)
const initialItems = fc
  .array(fc.record({ group: anyGroup, position: anyKey, deleted: fc.boolean() }), { maxLength: 16 })
  .map((list) => list.map((item, i) => ({ id: ids[i] as string, ...item })))

describe('applyBatch positions', () => {
  it.each([
    ['every row loaded whole', false],
    ['rows loaded as the push loads them: whole, or by place alone', true]
  ])('ends with the keys the mutations name, writing only the rows they touch (%s)', (_, asLoaded) => {
    fc.assert(
      fc.property(initialItems, fc.array(mutation, { minLength: 1, maxLength: 40 }), (initial, mutations) => {
        const refs = collectReferences(mutations)
        const { writes } = applyBatch(
          USER,
          'client',
          stateOf(initial, asLoaded ? refs : undefined),
          mutations
        )
        // A row written whole has all its columns: a row loaded by its place alone never is.
        for (const w of writes.bookmarks) expect(w.title, String(w.id)).toBeTypeOf('string')
        const expected = reference(initial, mutations)
        const actual = new Map(initial.map((i) => [i.id, { ...i }]))
        const named = new Set(mutations.map((m) => m.data.id))
        for (const w of written(writes, 'bookmarks')) {
          expect(named.has(String(w.id)), `${w.id} written, named by no mutation`).toBe(true)
          actual.set(String(w.id), {
            id: String(w.id),
            position: String(w.position),
            group: String(w.group_id),
            deleted: Boolean(w.deleted)
          })
        }
        const sorted = (m: Map<string, Item>) => [...m.values()].sort((x, y) => (x.id < y.id ? -1 : 1))
        expect(sorted(actual)).toEqual(sorted(expected))
      }),
      { numRuns: 400, seed: 7 }
    )
  })

  it('a create or a move without a key goes after the last key of its list, in the batch’s order', () => {
    const initial: Item[] = [
      { id: 'bookmark_0', position: KEYS[5] as string, group: 'group_a', deleted: false },
      { id: 'bookmark_1', position: KEYS[9] as string, group: 'group_a', deleted: false },
      { id: 'bookmark_2', position: KEYS[30] as string, group: 'group_b', deleted: false }
    ]
    const mutations = [
      {
        mutationId: 'x1',
        entity: 'bookmark',
        op: 'create',
        data: { id: 'bookmark_9', groupId: 'group_a', title: 't', url: 'https://e.x/' }
      },
      { mutationId: 'x2', entity: 'bookmark', op: 'move', data: { id: 'bookmark_2', groupId: 'group_a' } },
      {
        mutationId: 'x3',
        entity: 'bookmark',
        op: 'create',
        data: { id: 'bookmark_8', groupId: 'group_c', title: 't', url: 'https://e.x/' }
      }
    ] as unknown as Mutation[]
    const refs = collectReferences(mutations)
    expect([refs.bookmarkEnds.sort(), refs.spaceEnd]).toEqual([['group_a', 'group_c'], false])
    const state = {
      ...stateOf(initial, refs),
      ends: { spaces: [], groups: [], bookmarks: [{ parent: 'group_a', last: KEYS[9] as string }] }
    }
    const { writes } = applyBatch(USER, 'client', state, mutations)
    const key = new Map(written(writes, 'bookmarks').map((w) => [String(w.id), String(w.position)]))
    const [nine, two, eight] = ['bookmark_9', 'bookmark_2', 'bookmark_8'].map((id) => key.get(id)) as [
      string,
      string,
      string
    ]
    expect(nine > (KEYS[9] as string) && two > nine).toBe(true)
    expect(eight).toBeTypeOf('string')
  })
})

describe('applyBatch groups: moves between spaces carry bookmarks, deletes cascade', () => {
  const SPACES = ['space_a', 'space_b']
  const groupIds = Array.from({ length: 8 }, (_, i) => `group_${i}`)
  type G = { id: string; space: string; position: string; deleted: boolean }
  type B = { id: string; group: string; deleted: boolean }

  function referenceGroups(groups: G[], marks: B[], mutations: Mutation[]) {
    const gs = new Map(groups.map((g) => [g.id, { ...g }]))
    const bs = new Map(marks.map((b) => [b.id, { ...b }]))
    const deadSpaces = new Set<string>()
    for (const m of mutations) {
      if (m.entity === 'group' && m.op === 'move') {
        const g = gs.get(m.data.id)
        if (!g || g.deleted || deadSpaces.has(m.data.spaceId)) continue
        g.space = m.data.spaceId
        g.position = m.data.position ?? ''
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
        .record({ id: anyGroupId, spaceId: anySpace, position: anyKey })
        .map((data) => ({ mutationId: `g${n++}`, entity: 'group', op: 'move', data }) as Mutation)
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
        fc.array(fc.record({ space: anySpace, position: anyKey, deleted: fc.boolean() }), {
          minLength: 1,
          maxLength: groupIds.length
        }),
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
            spaces: SPACES.map((id, i) => row({ id, position: KEYS[i], deleted_at: null, name: id })),
            groups: groups.map((g) =>
              row({
                id: g.id,
                space_id: g.space,
                position: g.position,
                deleted_at: g.deleted ? '2026-01-01' : null,
                name: g.id
              })
            ),
            // The groups the batch only moves come twice, as the load gives them: whole (the parents of loaded
            // bookmarks) and with their place only.
            moved: {
              groups: groups
                .filter((g) => collectReferences(mutations).movedGroupIds.includes(g.id))
                .map((g) =>
                  row({
                    id: g.id,
                    space_id: g.space,
                    position: g.position,
                    deleted_at: g.deleted ? '2026-01-01' : null
                  })
                ),
              bookmarks: []
            },
            bookmarks: marks.map((b) =>
              row({
                id: b.id,
                group_id: b.group,
                space_id: groups.find((g) => g.id === b.group)?.space,
                position: 'a0',
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
              position: String(w.position),
              deleted: Boolean(w.deleted)
            })
          const liveGroups = (m: Map<string, G>) =>
            [...m.values()]
              .filter((g) => !g.deleted)
              .map((g) => [g.id, g.space, g.position])
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
