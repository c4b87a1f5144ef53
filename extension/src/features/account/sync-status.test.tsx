import { fireEvent, render, screen } from '@solidjs/testing-library'
import { createSignal } from 'solid-js'
import { describe, expect, it } from 'vitest'
import type { SyncStatus } from '../../session/types'
import { SyncStatusBadge, syncLabel } from './sync-status'

describe('the sync status', () => {
  it('says synced, syncing, offline with the changes waiting, or error', () => {
    expect(syncLabel({ state: 'synced', pending: 0 })).toBe('Synced')
    expect(syncLabel({ state: 'syncing', pending: 3 })).toBe('Syncing…')
    expect(syncLabel({ state: 'offline', pending: 1 })).toBe('Offline — 1 change waiting')
    expect(syncLabel({ state: 'offline', pending: 4 })).toBe('Offline — 4 changes waiting')
    expect(syncLabel({ state: 'offline', pending: 0 })).toBe('Offline')
    expect(syncLabel({ state: 'error', pending: 2, error: 'HTTP 500' })).toBe('Sync error')
  })

  it('shows nothing when signed out and follows the engine once signed in', () => {
    const [status, setStatus] = createSignal<SyncStatus | null>(null)
    render(() => <SyncStatusBadge status={status()} />)
    expect(screen.queryByRole('status')).toBeNull()
    setStatus({ state: 'syncing', pending: 2 })
    expect(screen.getByRole('status').textContent).toBe('Syncing…')
    setStatus({ state: 'offline', pending: 2, error: 'The API could not be reached' })
    expect(screen.getByRole('status').textContent).toBe('Offline — 2 changes waiting')
    expect(screen.getByRole('status').getAttribute('title')).toBe('The API could not be reached')
    setStatus({ state: 'error', pending: 0, error: 'HTTP 500' })
    expect(screen.getByRole('status').textContent).toBe('Sync error')
    setStatus({ state: 'synced', pending: 0, lastSyncedAt: '2026-01-01T00:00:00Z' })
    expect(screen.getByRole('status').textContent).toBe('Synced')
  })

  it('never says Synced while changes are set aside: it names them, and opens their list', () => {
    expect(syncLabel({ state: 'synced', pending: 0, setAside: 1 })).toBe('1 change needs attention')
    expect(syncLabel({ state: 'synced', pending: 0, setAside: 3 })).toBe('3 changes need attention')
    let opened = 0
    render(() => (
      <SyncStatusBadge
        status={{ state: 'synced', pending: 0, setAside: 2 }}
        onOpenSetAside={() => opened++}
      />
    ))
    fireEvent.click(screen.getByRole('button', { name: '2 changes need attention' }))
    expect(opened).toBe(1)
  })
})
