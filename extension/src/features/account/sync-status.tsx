// The small sync status beside the user menu: Synced / Syncing… / Offline — N changes waiting / Sync error, or
// N changes need attention (set aside: the badge is then a button that lists them).
import { Show } from 'solid-js'
import type { SyncStatus } from '../../session/types'

const changes = (n: number) => (n === 1 ? '1 change' : `${n} changes`)

export function syncLabel(status: SyncStatus): string {
  switch (status.state) {
    case 'synced':
      if (status.setAside)
        return `${changes(status.setAside)} need${status.setAside === 1 ? 's' : ''} attention`
      return status.pending > 0 ? `Synced — ${changes(status.pending)} waiting` : 'Synced'
    case 'syncing':
      return 'Syncing…'
    case 'offline':
      return status.pending > 0 ? `Offline — ${changes(status.pending)} waiting` : 'Offline'
    case 'error':
      return 'Sync error'
  }
}

export function SyncStatusBadge(props: { status: SyncStatus | null; onOpenSetAside?: () => void }) {
  const title = (status: SyncStatus) =>
    status.error ?? (status.lastSyncedAt ? `Last synced ${status.lastSyncedAt}` : '')
  return (
    <Show when={props.status}>
      {(status) => (
        <Show
          when={status().setAside && status().state === 'synced'}
          fallback={
            <span class={`sync-status ${status().state}`} role="status" title={title(status())}>
              {syncLabel(status())}
            </span>
          }
        >
          <span role="status">
            <button type="button" class="sync-status attention" onClick={() => props.onOpenSetAside?.()}>
              {syncLabel(status())}
            </button>
          </span>
        </Show>
      )}
    </Show>
  )
}
