// The changes the server keeps refusing, set aside so that everything else syncs: each with its reason, to try
// again (after fixing what it names) or to drop, which puts this device back on the account's copy.
import { createResource, For, Show } from 'solid-js'
import { useSession } from '../../session/session-context'
import { Dialog } from '../../ui/dialog'
import type { DialogProps, NoFields } from '../../view-state'

declare module '../../view-state' {
  interface DialogFields {
    'set-aside': NoFields
  }
}

export default function SetAsideDialog(props: DialogProps<'set-aside'>) {
  const session = useSession()
  const [list, { refetch }] = createResource(() => session.setAsideList())
  const release = async (ids: string[], retry: boolean) => {
    await session.releaseSetAside(ids, retry)
    const left = await refetch()
    if (!left?.length) props.onClose()
  }
  return (
    <Dialog title="Changes that could not be synced" onClose={props.onClose}>
      <h2>Changes that could not be synced</h2>
      <p>
        The server refused these, so they wait here while everything else syncs. They still show on this
        device. Fix what the reason names (edit the item) and try again, or drop them.
      </p>
      <Show when={list()?.length} fallback={<p>Nothing is waiting.</p>}>
        <ul class="archive-list" aria-label="Set-aside changes">
          <For each={list()}>
            {(entry) => (
              <li>
                <span>
                  <strong>{entry.change}</strong>
                  <br />
                  <small>{entry.reason}</small>
                </span>
                <button
                  type="button"
                  class="secondary small"
                  onClick={() => void release([entry.mutationId], true)}
                >
                  Try again
                </button>
                <button
                  type="button"
                  class="ghost small"
                  onClick={() => void release([entry.mutationId], false)}
                >
                  Drop
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="actions">
        <Show when={(list()?.length ?? 0) > 1}>
          <button
            type="button"
            class="ghost"
            onClick={() =>
              void release(
                (list() ?? []).map((e) => e.mutationId),
                false
              )
            }
          >
            Drop all
          </button>
        </Show>
        <button type="button" class="secondary" onClick={props.onClose}>
          Close
        </button>
      </div>
    </Dialog>
  )
}
