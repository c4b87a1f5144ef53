// The sync engine of a page that keeps no store of its own (the offscreen document, the popup): it restores the
// account's session as a new tab does, and stores pulled changes as a new tab stores them, announcing them so that
// open new tabs show them.
import { createApiClient, type TokenProvider } from '../api/client'
import { loadProvider } from '../session/provider'
import { rememberedAccount } from '../session/remembered-account'
import type { Session } from '../session/types'
import { saveChange } from '../store/cache'
import { createSyncEngine, type SyncEngine } from '../store/sync'
import { announceChange } from './capture'

/**
 * `account`'s session, when it is signed in the way a new tab means it: the account the pages remember (signing out
 * forgets it), with a session the provider can restore. Null otherwise (its changes wait for its next sign-in).
 */
export async function restoreSession(account: string): Promise<Session | null> {
  const provider = rememberedAccount() === account ? await loadProvider() : undefined
  const session = provider ? await provider.restore(account) : null
  return session?.userId === account ? session : null
}

export function accountEngine(account: string, getToken: TokenProvider): SyncEngine {
  const { client } = createApiClient({ getToken })
  return createSyncEngine({
    account,
    client,
    applyRemote: async (update) => {
      await saveChange(account, update, [])
      announceChange(account)
    }
  })
}
