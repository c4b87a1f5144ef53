// The one mutation path: every change is applied to the in-memory store, persisted to IndexedDB and recorded
// in the account's outbox as a sync mutation, in that order and in one place.
import { produce, type SetStoreFunction } from 'solid-js/store'
import { applyMutation } from './apply'
import { saveChange } from './cache'
import { newId, now } from './ids'
import type { DataState, Mutation, MutationInput } from './types'

export type MutateDeps = {
  setState: SetStoreFunction<DataState>
  account: () => string
  /** False until the saved data is loaded: a change made on a view that never showed it must not be saved. */
  loaded: () => boolean
  /** Called after the change is durable, e.g. to tell other tabs. */
  onSaved?: (mutations: Mutation[]) => void
}

export type Mutate = (input: MutationInput | MutationInput[]) => Promise<Mutation[]>

export function createMutate(deps: MutateDeps): Mutate {
  return async (input) => {
    const list = Array.isArray(input) ? input : [input]
    if (list.length === 0) return []
    if (!deps.loaded())
      throw new Error('Your saved bookmarks could not be read, so changes cannot be saved yet')
    const at = now()
    const mutations = list.map((m) => ({ ...m, mutationId: newId('mutation') }) as Mutation)
    const apply = (draft: DataState) => {
      for (const m of mutations) applyMutation(draft, m, at)
    }
    deps.setState(produce(apply))
    await saveChange(deps.account(), apply, mutations)
    deps.onSaved?.(mutations)
    return mutations
  }
}
