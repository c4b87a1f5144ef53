// Merging copies of one link: the kept copy gains the others' tags (and a note if it had none), the others are
// deleted, all in one batch through the mutation path, and Undo reverses every set of one merge in one step.
import { cleanTags } from '../../../../model/tags'
import { type Removed, restoreRemoved } from '../../store/actions'
import type { DataStore } from '../../store/data-store'
import type { Bookmark, DataState, MutationInput } from '../../store/types'

/** One set to merge: every copy's id, and which of them stays. */
export type MergeChoice = { keepId: string; ids: string[] }

/** What a merge writes (`changes`), and what its Undo needs: the deleted copies and the kept ones' old fields. */
export type MergePlan = { changes: MutationInput[]; removed: Removed; revert: MutationInput[] }

const hasNote = (note: string | null) => note !== null && note.trim() !== ''
const sameTags = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((tag, i) => tag === b[i])

/** The writes that merge each set; sets whose kept copy is gone, or that have nothing left to fold, are skipped. */
export function planMerge(state: DataState, choices: MergeChoice[]): MergePlan {
  const plan: MergePlan = { changes: [], removed: { spaces: [], groups: [], bookmarks: [] }, revert: [] }
  for (const { keepId, ids } of choices) {
    const kept = state.bookmarks[keepId]
    const others = ids
      .filter((id) => id !== keepId)
      .map((id) => state.bookmarks[id])
      .filter((b): b is Bookmark => b !== undefined)
    if (!kept || others.length === 0) continue
    // The kept copy's own tags first, so that the cap (LIMITS.tags) drops the others' before its own.
    const tags = cleanTags([...kept.tags, ...others.flatMap((b) => b.tags)])
    const note = hasNote(kept.description)
      ? undefined
      : others.find((b) => hasNote(b.description))?.description
    const patch: Partial<Pick<Bookmark, 'tags' | 'description'>> = {}
    const before: Partial<Pick<Bookmark, 'tags' | 'description'>> = {}
    if (!sameTags(tags, kept.tags)) {
      patch.tags = tags
      before.tags = kept.tags
    }
    if (note) {
      patch.description = note
      before.description = kept.description
    }
    if (Object.keys(patch).length) {
      plan.changes.push({ op: 'update', entity: 'bookmark', data: { id: keepId, ...patch } })
      plan.revert.push({ op: 'update', entity: 'bookmark', data: { id: keepId, ...before } })
    }
    for (const other of others) {
      plan.changes.push({ op: 'delete', entity: 'bookmark', data: { id: other.id } })
      plan.removed.bookmarks.push({ ...other })
    }
  }
  return plan
}

/**
 * Merges the sets in one batch (one save, one sync push) and returns how to undo it, or undefined when there was
 * nothing to merge. Undo brings every deleted copy back (under new ids: see restoreRemoved) and gives the kept
 * copies their old tags and notes, again in one batch.
 */
export function mergeDuplicates(store: DataStore, choices: MergeChoice[]): (() => void) | undefined {
  const plan = planMerge(store.state, choices)
  if (plan.changes.length === 0) return undefined
  void store.mutate(plan.changes)
  return () => {
    const revert = plan.revert.filter((input) => 'id' in input.data && store.state.bookmarks[input.data.id])
    restoreRemoved(store, plan.removed, revert)
  }
}
