// While the popup is open and signed in, it holds the live channel too (store/sync/live.ts): poked, it syncs the
// account with an engine of its own (background/account-engine.ts) and shows its groups and saved state again.
// Loaded after the popup's first paint, so that restoring the session costs the popup nothing on opening.
import { accountEngine, restoreSession } from '../background/account-engine'
import { config } from '../config'
import { startLive } from '../store/sync'

/** Keeps `account` live for the popup's life (a closed popup's socket closes with it); `onSynced` after each pull. */
export async function followAccount(account: string, onSynced: () => void): Promise<void> {
  const session = await restoreSession(account)
  if (!session) return
  const getToken = () => session.getToken()
  const engine = accountEngine(account, getToken)
  startLive({
    apiUrl: config.apiUrl,
    getToken,
    onPoke: () => void engine.syncNow().then(onSynced)
  })
}
