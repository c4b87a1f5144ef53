import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library'
import { describe, expect, it, vi } from 'vitest'
import type { MigrationChoice, MigrationPlan, RunMigration } from '../../session/types'
import { MigrationDialog } from './migration-dialog'

const plan: MigrationPlan = {
  action: 'ask',
  local: { spaces: 1, groups: 2, bookmarks: 30 },
  cloud: { spaces: 4, groups: 1, bookmarks: 0 }
}

/** A migration the test finishes by hand, reporting progress in between. */
function controlled() {
  const calls: MigrationChoice[] = []
  let progress: (sent: number, total: number) => void = () => {}
  let finish: (error?: Error) => void = () => {}
  const run: RunMigration = (choice, onProgress) => {
    calls.push(choice)
    progress = onProgress
    return new Promise<void>((resolve, reject) => {
      finish = (error) => (error ? reject(error) : resolve())
    })
  }
  return { run, calls, progress: (s: number, t: number) => progress(s, t), finish: (e?: Error) => finish(e) }
}

describe('the migration dialog', () => {
  it('shows the counts on each side and the three choices', () => {
    const m = controlled()
    render(() => <MigrationDialog plan={plan} run={m.run} onClose={() => {}} onDone={() => {}} />)
    expect(screen.getByTestId('local-counts').textContent).toBe('1 space, 2 groups, 30 bookmarks')
    expect(screen.getByTestId('cloud-counts').textContent).toBe('4 spaces, 1 group, 0 bookmarks')
    for (const name of ['Upload my data', 'Use cloud data', 'Keep both']) {
      expect(screen.getByRole('button', { name })).toBeTruthy()
    }
    expect(screen.queryByRole('progressbar')).toBeNull()
  })

  it.each([
    ['Upload my data', 'upload'],
    ['Use cloud data', 'cloud'],
    ['Keep both', 'merge']
  ] as const)('%s runs the %s migration with a progress bar, then closes', async (label, choice) => {
    const m = controlled()
    const onDone = vi.fn()
    const onClose = vi.fn()
    render(() => <MigrationDialog plan={plan} run={m.run} onClose={onClose} onDone={onDone} />)
    fireEvent.click(screen.getByRole('button', { name: label }))
    expect(m.calls).toEqual([choice])
    const bar = screen.getByRole('progressbar', { name: 'Migration progress' })
    expect(bar.getAttribute('aria-valuenow')).toBe('0')
    // Nothing can be chosen twice while it runs.
    expect(screen.getByRole('button', { name: 'Keep both' }).hasAttribute('disabled')).toBe(true)
    m.progress(10, 40)
    expect(bar.getAttribute('aria-valuenow')).toBe('25')
    m.progress(40, 40)
    expect(bar.getAttribute('aria-valuenow')).toBe('100')
    m.finish()
    await waitFor(() => expect(onDone).toHaveBeenCalledOnce())
    expect(onClose).toHaveBeenCalledOnce()
  })

  it('stays open after a failure and lets the person choose again', async () => {
    const m = controlled()
    const onDone = vi.fn()
    render(() => <MigrationDialog plan={plan} run={m.run} onClose={() => {}} onDone={onDone} />)
    fireEvent.click(screen.getByRole('button', { name: 'Upload my data' }))
    m.finish(new Error('The API could not be reached'))
    expect((await screen.findByRole('alert')).textContent).toContain('The API could not be reached')
    expect(screen.queryByRole('progressbar')).toBeNull()
    expect(onDone).not.toHaveBeenCalled()
    // Escape does not dismiss an unanswered question.
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' })
    expect(screen.getByRole('dialog')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Keep both' }))
    expect(m.calls).toEqual(['upload', 'merge'])
    m.finish()
    await waitFor(() => expect(onDone).toHaveBeenCalledOnce())
  })
})
