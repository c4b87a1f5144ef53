// The small sync status beside the user menu: Synced / Syncing… / Offline — N changes waiting / Sync error.
import { Show } from 'solid-js'
import type { SyncStatus } from '../../session/types'

const changes = (n: number) => (n === 1 ? '1 change' : `${n} changes`)

export function syncLabel(status: SyncStatus): string {
  switch (status.state) {
    case 'synced':
      return status.pending > 0 ? `Synced — ${changes(status.pending)} waiting` : 'Synced'
    case 'syncing':
      return 'Syncing…'
    case 'offline':
      return status.pending > 0 ? `Offline — ${changes(status.pending)} waiting` : 'Offline'
    case 'error':
      return 'Sync error'
  }
}

export function SyncStatusBadge(props: { status: SyncStatus | null }) {
  return (
    <Show when={props.status}>
      {(status) => (
        <span
          class={`sync-status ${status().state}`}
          role="status"
          title={status().error ?? (status().lastSyncedAt ? `Last synced ${status().lastSyncedAt}` : '')}
        >
          {syncLabel(status())}
        </span>
      )}
    </Show>
  )
}
