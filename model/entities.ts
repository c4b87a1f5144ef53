// The entity types both sides use: the writable fields (fields.ts) plus what the server keeps for every row.
import type { WritableFields } from './fields'
import type { EntityKind } from './kinds'

export type { EntityKind, WritableFields }

/** Set by the server or by the list a row sits in (`position`: model/position.ts); never a free-form field. */
type Placed = { id: string; position: string; isArchived: boolean; createdAt: string; updatedAt: string }

export type Space = Placed & WritableFields<'space'>
export type Group = Placed & { spaceId: string } & WritableFields<'group'>
export type Bookmark = Placed & { spaceId: string; groupId: string } & WritableFields<'bookmark'>
export type EntityOf = { space: Space; group: Group; bookmark: Bookmark }
