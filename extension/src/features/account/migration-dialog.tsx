// The first sign-in with data on both sides: Upload my data / Use cloud data / Keep both, with the counts and a
// progress bar. Asked once per account (session/migration.ts records the answer).
import { createSignal, Show } from 'solid-js'
import type { Counts, MigrationChoice, MigrationPlan, RunMigration } from '../../session/types'
import { Dialog } from '../../ui/dialog'
import type { DialogProps } from '../../view-state'

declare module '../../view-state' {
  interface DialogFields {
    /** `onDone` once the chosen migration is done (the dialog has closed by then). */
    migration: { plan: MigrationPlan; run: RunMigration; onDone: () => void }
  }
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`
export const describeCounts = (c: Counts) =>
  `${plural(c.spaces, 'space')}, ${plural(c.groups, 'group')}, ${plural(c.bookmarks, 'bookmark')}`

export function MigrationDialog(props: DialogProps<'migration'>) {
  const [progress, setProgress] = createSignal<{ sent: number; total: number } | null>(null)
  const [error, setError] = createSignal('')
  const running = () => progress() !== null
  const choose = async (choice: MigrationChoice) => {
    setError('')
    setProgress({ sent: 0, total: 0 })
    try {
      await props.run(choice, (sent, total) => setProgress({ sent, total }))
      props.onClose()
      props.onDone()
    } catch (caught) {
      setProgress(null)
      setError(caught instanceof Error ? caught.message : String(caught))
    }
  }
  const percent = () => {
    const p = progress()
    return p && p.total > 0 ? Math.round((p.sent / p.total) * 100) : 0
  }
  return (
    // The question must be answered: closing would leave the account half set up.
    <Dialog title="Your bookmarks on this device and in your account" onClose={() => {}}>
      <h2>Your bookmarks on this device and in your account</h2>
      <p>You have bookmarks on this device and in your account. What should happen to them?</p>
      <dl class="migration-counts">
        <dt>On this device</dt>
        <dd data-testid="local-counts">{describeCounts(props.plan.local)}</dd>
        <dt>In your account</dt>
        <dd data-testid="cloud-counts">{describeCounts(props.plan.cloud)}</dd>
      </dl>
      <Show when={running()}>
        <div
          class="progress"
          role="progressbar"
          aria-label="Migration progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent()}
        >
          <div style={{ width: `${percent()}%` }} />
        </div>
      </Show>
      <Show when={error()}>
        <p class="error" role="alert">
          That did not work: {error()}. Nothing was lost; try again.
        </p>
      </Show>
      <div class="actions migration-actions">
        <button type="button" class="secondary" disabled={running()} onClick={() => void choose('cloud')}>
          Use cloud data
        </button>
        <button type="button" class="secondary" disabled={running()} onClick={() => void choose('merge')}>
          Keep both
        </button>
        <button type="button" class="primary" disabled={running()} onClick={() => void choose('upload')}>
          Upload my data
        </button>
      </div>
      <p class="hint migration-hint">
        Upload my data: this device's bookmarks go to your account; where the same item is on both, this
        device's copy wins. Use cloud data: this device shows your account's bookmarks (its own stay here for
        when you sign out). Keep both: everything from both sides; where the same item is on both, your
        account's copy wins.
      </p>
    </Dialog>
  )
}

export default MigrationDialog
