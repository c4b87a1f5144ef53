// Applies server data (sync pulls) to a DataState draft with the store's own rules (apply.ts), then re-applies
// the mutations still waiting in the outbox on top, so that local changes the server has not seen yet stay
// visible. Pure of I/O: the same function runs on the in-memory store and on the stored copy.
import type { ApiSchemas } from '../../api/client'
import { applyMutation, removeEntity, upsertEntity } from '../apply'
import { type DataState, type Mutation, opaqueTable } from '../types'

export type ServerChanges = Pick<ApiSchemas['PullResult'], 'spaces' | 'groups' | 'bookmarks' | 'deleted'>

/** Re-applies pending local mutations, in the order they were made. */
export function rebase(draft: DataState, pending: readonly Mutation[], at: string): void {
  for (const m of pending) applyMutation(draft, m, at)
}

/**
 * Applies changed rows, then tombstones (a tombstone removes its subtree; rows first, so that a child that
 * moved out of a deleted parent in the same page is already under its new parent).
 */
export function applyServerChanges(draft: DataState, changes: ServerChanges): void {
  for (const space of changes.spaces) upsertEntity(draft, 'space', space)
  for (const group of changes.groups) upsertEntity(draft, 'group', group)
  for (const bookmark of changes.bookmarks) upsertEntity(draft, 'bookmark', bookmark)
  for (const id of changes.deleted.bookmarks) removeEntity(draft, 'bookmark', id)
  for (const id of changes.deleted.groups) removeEntity(draft, 'group', id)
  for (const id of changes.deleted.spaces) removeEntity(draft, 'space', id)
}

/** Replaces everything with the server's complete data (a full pull, or a reset). */
export function replaceWithServer(draft: DataState, full: Omit<ServerChanges, 'deleted'>): void {
  draft.spaces = Object.fromEntries(full.spaces.map((s) => [s.id, { ...s }]))
  draft.groups = Object.fromEntries(full.groups.map((g) => [g.id, { ...g }]))
  draft.bookmarks = opaqueTable(Object.fromEntries(full.bookmarks.map((b) => [b.id, { ...b }])))
}

/** An update for server changes: apply them, then the pending outbox. */
export const remoteUpdate =
  (changes: ServerChanges, pending: readonly Mutation[], at: string) => (draft: DataState) => {
    applyServerChanges(draft, changes)
    rebase(draft, pending, at)
  }

/** An update for a complete server copy: replace local data, then the pending outbox. */
export const replaceUpdate =
  (full: Omit<ServerChanges, 'deleted'>, pending: readonly Mutation[], at: string) => (draft: DataState) => {
    replaceWithServer(draft, full)
    rebase(draft, pending, at)
  }
