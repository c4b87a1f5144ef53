// Restoring a backup: says what replacing everything or merging would do, does the one the person picks,
// then what it did, with a way to the restored library.
import { useNavigate } from '@solidjs/router'
import { createMemo, createSignal, For, Show } from 'solid-js'
import { unwrap } from 'solid-js/store'
import type { EntityKind } from '../../../../model/kinds'
import { LOCAL_ACCOUNT } from '../../store/cache'
import { useStore } from '../../store/data-store'
import { showError } from '../../ui/toast'
import { type Backup, planRestore, type RestoreMode, type RestorePlan } from './backup'

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
const NOUNS: Record<EntityKind, string> = { space: 'space', group: 'group', bookmark: 'bookmark' }

/** "2 spaces, 5 groups and 40 bookmarks", leaving out the kinds with none. */
function listed(counts: Record<EntityKind, number>): string {
  const parts = (Object.keys(NOUNS) as EntityKind[])
    .filter((kind) => counts[kind] > 0)
    .map((kind) => plural(counts[kind], NOUNS[kind]))
  if (parts.length === 0) return 'nothing'
  return parts.length === 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}

const any = (counts: Record<EntityKind, number>) => Object.values(counts).some((n) => n > 0)

/** What a plan does, in a sentence: "deletes 1 space, adds 3 groups and changes 2 bookmarks". */
function effects(plan: RestorePlan, done = false): string {
  const parts = [
    [done ? 'deleted' : 'deletes', plan.removed],
    [done ? 'added' : 'adds', plan.added],
    [done ? 'changed' : 'changes', plan.changed]
  ] as const
  const said = parts.filter(([, counts]) => any(counts)).map(([verb, counts]) => `${verb} ${listed(counts)}`)
  if (said.length === 0) return done ? 'nothing needed to change' : 'nothing needs to change'
  return said.length === 1 ? (said[0] ?? '') : `${said.slice(0, -1).join(', ')} and ${said.at(-1)}`
}

const countOf = (state: Backup['state']): Record<EntityKind, number> => ({
  space: Object.keys(state.spaces).length,
  group: Object.keys(state.groups).length,
  bookmark: Object.keys(state.bookmarks).length
})

export function RestorePanel(props: {
  name: string
  backup: Backup
  onCancel: () => void
  onDone: () => void
}) {
  const store = useStore()
  const navigate = useNavigate()
  const [busy, setBusy] = createSignal(false)
  const [done, setDone] = createSignal<{ mode: RestoreMode; plan: RestorePlan } | null>(null)
  // Signed in, the account never takes back an id it deleted; only a library on this device keeps them all.
  const keepIds = () => store.account() === LOCAL_ACCOUNT
  const plans = createMemo(() => {
    const here = unwrap(store.state)
    return {
      replace: planRestore(here, props.backup.state, 'replace', keepIds()),
      merge: planRestore(here, props.backup.state, 'merge', keepIds())
    }
  })
  const archived = () =>
    [
      ...Object.values(props.backup.state.spaces),
      ...Object.values(props.backup.state.groups),
      ...Object.values(props.backup.state.bookmarks)
    ].filter((item) => item.isArchived).length

  const restore = async (mode: RestoreMode) => {
    setBusy(true)
    // Planned again against the library as it is now, in case another tab changed it meanwhile.
    const plan = planRestore(unwrap(store.state), props.backup.state, mode, keepIds())
    try {
      if (plan.mutations.length) await store.mutate(plan.mutations)
      setDone({ mode, plan })
    } catch (error) {
      showError(`Restore failed: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      setBusy(false)
    }
  }
  const open = (spaceId: string) => {
    navigate(`/space/${spaceId}`)
    props.onDone()
  }

  return (
    <section aria-labelledby="restore-heading">
      <h2 id="restore-heading">Restore a backup</h2>
      <Show
        when={done()}
        fallback={
          <>
            <p>
              <strong>{props.name}</strong> is a backup of {listed(countOf(props.backup.state))}
              {archived() ? ` (${archived()} of them archived)` : ''}.
            </p>
            <Problems backup={props.backup} />
            <div class="restore-choices">
              <div>
                <button
                  type="button"
                  class="primary"
                  disabled={busy()}
                  onClick={() => void restore('replace')}
                >
                  Replace everything
                </button>
                <p>Your library becomes the backup’s: {effects(plans().replace)}.</p>
              </div>
              <div>
                <button
                  type="button"
                  class="secondary"
                  disabled={busy()}
                  onClick={() => void restore('merge')}
                >
                  Merge
                </button>
                <p>
                  Keeps everything here and adds {listed(plans().merge.added)} from the backup
                  {plans().merge.duplicates
                    ? `; ${plural(plans().merge.duplicates, 'bookmark')} already here by address stay as they are`
                    : ''}
                  .
                </p>
              </div>
            </div>
            <p>
              <button type="button" class="secondary" disabled={busy()} onClick={props.onCancel}>
                Cancel
              </button>
            </p>
          </>
        }
      >
        {(d) => (
          <div role="status">
            <p>
              {d().mode === 'replace' ? 'Replaced your library with the backup' : 'Merged the backup'}:{' '}
              {effects(d().plan, true)}.
            </p>
            <Show when={d().plan.firstSpaceId}>
              {(spaceId) => (
                <button type="button" class="secondary" onClick={() => open(spaceId())}>
                  Open the restored library
                </button>
              )}
            </Show>
          </div>
        )}
      </Show>
    </section>
  )
}

/** The backup's entries that cannot be restored, each with its reason. */
function Problems(props: { backup: Backup }) {
  return (
    <Show when={props.backup.problems.length}>
      <details class="skipped" open>
        <summary>{plural(props.backup.problems.length, 'entry', 'entries')} cannot be restored</summary>
        <ul aria-label="Cannot be restored">
          <For each={props.backup.problems}>
            {(problem) => (
              <li>
                <strong>{problem.name}</strong> ({problem.kind}): {problem.reason}
              </li>
            )}
          </For>
        </ul>
      </details>
    </Show>
  )
}
