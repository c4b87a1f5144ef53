// The one mutation path: every change is applied to the in-memory store, persisted to IndexedDB and recorded
// in the account's outbox as a sync mutation, in that order and in one place.
import { applyMutation } from './apply'
import { newPendingId, type PendingChange, saveChange } from './cache'
import { newId, now } from './ids'
import type { Draft, Mutation, MutationInput } from './types'

export type MutateDeps = {
  /** Applies a change to the in-memory store (its reactive state and indexes). */
  change: (apply: (draft: Draft) => void) => void
  account: () => string
  /** Undefined once the saved data is loaded, else a promise of it: a change made earlier waits, so that it
   * always applies on top of the saved data. Once loaded, changes apply synchronously (no flicker). */
  whenLoaded: () => Promise<void> | undefined
  /** Called after the change is durable, e.g. to tell other tabs. */
  onSaved?: (mutations: Mutation[]) => void
}

export type Mutate = (input: MutationInput | MutationInput[]) => Promise<Mutation[]>

export function createMutate(deps: MutateDeps): Mutate {
  return async (input) => {
    const list = Array.isArray(input) ? input : [input]
    if (list.length === 0) return []
    const waiting = deps.whenLoaded()
    if (waiting) await waiting
    const mutations = list.map((m) => ({ ...m, mutationId: newId('mutation') }) as Mutation)
    const pending: PendingChange = { id: newPendingId(), at: now(), mutations }
    const apply = (draft: Draft) => applyPending(draft, pending)
    deps.change(apply)
    // In this same task as the change the page shows: a tab closed right after keeps it (cache.ts PendingChange).
    await saveChange(deps.account(), apply, mutations, pending)
    deps.onSaved?.(mutations)
    return mutations
  }
}

/** Applies a change's mutations with the time it was made: when made, and when a later load replays it. */
export function applyPending(draft: Draft, change: PendingChange): void {
  for (const m of change.mutations) applyMutation(draft, m, change.at)
}
