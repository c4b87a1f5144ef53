// The reference model of what the server should hold: the product's rules written out plainly (a change to a
// deleted thing is refused, a delete takes its subtree, a group move takes its bookmarks, the last write to a
// field wins, a row's position is the key of its last create or move), replayed over every mutation in the order
// the server committed them. It predicts each outcome and the final data, every row's position key included: a
// move from one device survives another device's move of a sibling, since each writes its own row.

import type { DataState, EntityName, Mutation } from '../../extension/src/store/types.ts'
import { writableFields } from '../../model/fields.ts'
import { cleanTags } from '../../model/tags.ts'

export type Outcome = { status: 'applied' | 'rejected'; reason: string | null }

type Entity = { id: string; fields: Record<string, unknown> }
const kinds = ['space', 'group', 'bookmark'] as const
const tableName = { space: 'spaces', group: 'groups', bookmark: 'bookmarks' } as const

/** The fields the model keeps per kind: the writable ones, the archived flag, the position and the parents. */
const tracked: Record<EntityName, string[]> = {
  space: [...Object.keys(writableFields.space), 'isArchived', 'position'],
  group: [...Object.keys(writableFields.group), 'isArchived', 'position', 'spaceId'],
  bookmark: [...Object.keys(writableFields.bookmark), 'isArchived', 'position', 'spaceId', 'groupId']
}

const normal = (key: string, value: unknown) =>
  key === 'tags' && Array.isArray(value) ? cleanTags(value) : value

export class ServerModel {
  readonly live: Record<EntityName, Map<string, Entity>> = {
    space: new Map(),
    group: new Map(),
    bookmark: new Map()
  }
  /** Every id the server holds a tombstone for: none of them may ever be live again. */
  readonly gone = new Set<string>()

  private refuse(reason: string): Outcome {
    return { status: 'rejected', reason }
  }

  /** The target's state: live, deleted, or never stored. */
  private find(kind: EntityName, id: string): Entity | 'deleted' | 'missing' {
    return this.live[kind].get(id) ?? (this.gone.has(id) ? 'deleted' : 'missing')
  }

  private remove(kind: EntityName, id: string) {
    this.live[kind].delete(id)
    this.gone.add(id)
    if (kind === 'space') {
      for (const g of [...this.live.group.values()]) if (g.fields.spaceId === id) this.remove('group', g.id)
      for (const b of [...this.live.bookmark.values()])
        if (b.fields.spaceId === id) this.remove('bookmark', b.id)
    } else if (kind === 'group') {
      for (const b of [...this.live.bookmark.values()])
        if (b.fields.groupId === id) this.remove('bookmark', b.id)
    }
  }

  apply(m: Mutation): Outcome {
    const applied: Outcome = { status: 'applied', reason: null }
    const data = m.data as Record<string, unknown>
    switch (m.op) {
      case 'create': {
        // The server checks the parent first, then the id (apply.ts): the model refuses in the same order.
        const id = String(data.id)
        const fields: Record<string, unknown> = {}
        for (const key of tracked[m.entity]) fields[key] = normal(key, data[key] ?? null)
        fields.isArchived = data.isArchived ?? false
        if (m.entity === 'group') {
          const space = this.find('space', String(data.spaceId))
          if (typeof space === 'string')
            return this.refuse(space === 'deleted' ? 'parent_deleted' : 'parent_not_found')
        }
        if (m.entity === 'bookmark') {
          // The bookmark goes where its group is now: a group another device moved meanwhile takes it along.
          const group = this.find('group', String(data.groupId))
          if (typeof group === 'string')
            return this.refuse(group === 'deleted' ? 'parent_deleted' : 'parent_not_found')
          fields.spaceId = group.fields.spaceId
        }
        const here = this.find(m.entity, id)
        if (here !== 'missing') return this.refuse(here === 'deleted' ? 'deleted' : 'already_exists')
        this.live[m.entity].set(id, { id, fields })
        return applied
      }
      case 'update': {
        const target = this.find(m.entity, String(data.id))
        if (typeof target === 'string') return this.refuse(target === 'deleted' ? 'deleted' : 'not_found')
        for (const [key, value] of Object.entries(data)) {
          if (key !== 'id' && value !== undefined && tracked[m.entity].includes(key))
            target.fields[key] = normal(key, value)
        }
        return applied
      }
      case 'delete': {
        const target = this.find(m.entity, String(data.id))
        if (target === 'missing') return this.refuse('not_found')
        if (target !== 'deleted') this.remove(m.entity, target.id)
        return applied
      }
      case 'move': {
        const target = this.find(m.entity, String(data.id))
        if (typeof target === 'string') return this.refuse(target === 'deleted' ? 'deleted' : 'not_found')
        if (m.entity === 'space') {
          target.fields.position = m.data.position
        } else if (m.entity === 'group') {
          const space = this.find('space', m.data.spaceId)
          if (typeof space === 'string')
            return this.refuse(space === 'deleted' ? 'parent_deleted' : 'parent_not_found')
          target.fields.spaceId = space.id
          target.fields.position = m.data.position
          for (const b of this.live.bookmark.values())
            if (b.fields.groupId === target.id) b.fields.spaceId = space.id
        } else {
          const group = this.find('group', m.data.groupId)
          if (typeof group === 'string')
            return this.refuse(group === 'deleted' ? 'parent_deleted' : 'parent_not_found')
          target.fields.groupId = group.id
          target.fields.spaceId = group.fields.spaceId
          target.fields.position = m.data.position
        }
        return applied
      }
    }
  }
}

/** What differs between the model's data and the server's, one line each (ids shown through `label`). */
export function compareWithModel(
  model: ServerModel,
  server: DataState,
  label: (id: string) => string
): string[] {
  const problems: string[] = []
  for (const kind of kinds) {
    const actual = server[tableName[kind]] as Record<string, Record<string, unknown>>
    for (const [id, expected] of model.live[kind]) {
      const row = actual[id]
      if (!row) {
        problems.push(
          `${kind} ${label(id)} should be on the server (its create was applied, nothing deleted it)`
        )
        continue
      }
      for (const key of tracked[kind]) {
        const want = JSON.stringify(expected.fields[key] ?? null)
        const got = JSON.stringify(normal(key, row[key] ?? null))
        if (want !== got) problems.push(`${kind} ${label(id)}.${key}: server has ${got}, the model ${want}`)
      }
    }
    for (const id of Object.keys(actual)) {
      if (model.live[kind].has(id)) continue
      problems.push(
        model.gone.has(id)
          ? `${kind} ${label(id)} was deleted but is on the server again`
          : `${kind} ${label(id)} is on the server but no applied create made it`
      )
    }
  }
  return problems
}

/** What differs between two copies of the data (a device's and the server's), one line each. */
export function compareStates(
  what: string,
  actual: DataState,
  expected: DataState,
  label: (id: string) => string
): string[] {
  const problems: string[] = []
  for (const kind of kinds) {
    const a = actual[tableName[kind]] as Record<string, unknown>
    const e = expected[tableName[kind]] as Record<string, unknown>
    for (const id of new Set([...Object.keys(a), ...Object.keys(e)])) {
      if (!(id in a)) problems.push(`${what}: ${kind} ${label(id)} is missing`)
      else if (!(id in e)) problems.push(`${what}: ${kind} ${label(id)} is extra`)
      else {
        const x = a[id] as Record<string, unknown>
        const y = e[id] as Record<string, unknown>
        for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
          const got = JSON.stringify(x[key])
          const want = JSON.stringify(y[key])
          if (got !== want)
            problems.push(`${what}: ${kind} ${label(id)}.${key} is ${got}, the server has ${want}`)
        }
      }
    }
  }
  return problems
}
