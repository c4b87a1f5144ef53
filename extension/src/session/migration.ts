// The first sign-in of an account in this browser: this device's signed-out data goes up silently, or the
// person is asked what to do with data on both sides (the migration dialog), once per account.
import { readLocal, writeLocal } from '../local-storage'
import { LOCAL_ACCOUNT, loadData } from '../store/cache'
import {
  type MigrationChoice,
  type MigrationPlan,
  type MigrationReport,
  planMigration,
  runMigration
} from '../store/sync'
import { markMigrated } from '../store/sync/meta'
import { emptyState } from '../store/types'
import { showError } from '../ui/toast'
import { openDialog } from '../view-state'
import { api } from './api-client'

/** The migration question is asked once per account in this browser, even across sign-outs. */
const askedKey = (userId: string) => `bookmarks-index:migration-asked:${userId}`
const wasAsked = (userId: string) => readLocal(askedKey(userId)) === '1'
// Lost (storage blocked), the question may come once more; the migration itself is safe to repeat.
const markAsked = (userId: string) => writeLocal(askedKey(userId), '1')

type LocalData = Parameters<typeof runMigration>[0]['local']

/** What the upload left out is set aside (runMigration); the person hears of it, whether asked or not. */
function tellLeftOut(report: MigrationReport) {
  const left = report.rejected.length + report.skipped.length
  if (left === 1) showError('1 item could not be uploaded: the sync badge lists it, with the reason.')
  else if (left > 1)
    showError(`${left} items could not be uploaded: the sync badge lists them, with the reason.`)
}

/** Shows the migration dialog and resolves once the chosen migration is done. */
function ask(plan: MigrationPlan, userId: string, local: LocalData) {
  return new Promise<void>((resolve) => {
    const run = async (choice: MigrationChoice, onProgress: (sent: number, total: number) => void) => {
      const report = await runMigration({ client: api, account: userId, choice, local, onProgress })
      markAsked(userId)
      tellLeftOut(report)
    }
    openDialog({ kind: 'migration', plan, run, onDone: resolve })
  })
}

/** Brings the signed-out data into the account as the plan (and perhaps the person) decides. */
export async function migrate(userId: string): Promise<void> {
  const local = (await loadData(LOCAL_ACCOUNT)) ?? emptyState()
  const plan = await planMigration(api, userId, local)
  if (plan.action === 'upload') {
    tellLeftOut(await runMigration({ client: api, account: userId, choice: 'upload', local }))
    markAsked(userId)
  } else if (plan.action === 'ask') {
    if (wasAsked(userId)) await markMigrated(userId)
    else await ask(plan, userId, local)
  } else if (plan.action === 'pull') {
    await markMigrated(userId)
  }
}
