// The mass-delete guard, shown on every new tab while the mirror waits: what a run would delete on which side,
// and the two ways on (delete them, or keep them: brought back on the side that lost them).
import { createSignal, onMount, Show } from 'solid-js'
import { showError } from '../../ui/toast'
import { decideMirror, mirror, watchMirror } from './mirror-state'

const items = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'item' : 'items'}`

export function MirrorGuard() {
  onMount(watchMirror)
  const [busy, setBusy] = createSignal(false)
  const waiting = () => {
    const status = mirror()?.status
    return mirror()?.enabled && status?.state === 'waiting' ? status.deletes : undefined
  }
  const decide = (decision: 'delete' | 'keep') => {
    setBusy(true)
    decideMirror(decision)
      .catch((error: unknown) =>
        showError(`The mirror could not go on: ${error instanceof Error ? error.message : String(error)}`)
      )
      .finally(() => setBusy(false))
  }
  const losses = () => {
    const d = waiting()
    if (!d) return ''
    const parts = [
      d.chrome > 0 ? `${items(d.chrome)} from Chrome’s bookmarks` : '',
      d.store > 0 ? `${items(d.store)} from Bookmarks Index` : ''
    ].filter(Boolean)
    return parts.join(' and ')
  }
  return (
    <Show when={waiting()}>
      <section class="mirror-guard" role="alertdialog" aria-label="Mirror paused">
        <p>
          The mirror to Chrome bookmarks stopped before deleting {losses()}: they were deleted on the other
          side. Nothing changed yet.
        </p>
        <div class="actions">
          <button type="button" class="secondary" disabled={busy()} onClick={() => decide('keep')}>
            Keep them
          </button>
          <button type="button" class="danger" disabled={busy()} onClick={() => decide('delete')}>
            Delete them
          </button>
        </div>
      </section>
    </Show>
  )
}
