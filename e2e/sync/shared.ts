// The project's shared sync stack (global-setup.ts) as the test files see it: the server, and tokens for it.
import { inject } from 'vitest'
import { type SyncServer, syncServerAt } from './server.ts'

let shared: Promise<SyncServer> | undefined

/** The shared server; its stop() does nothing (the global setup stops it after the last file). */
export function sharedSyncServer(): Promise<SyncServer> {
  shared ??= syncServerAt(inject('syncServerUrl'), inject('syncPrivateKey'))
  return shared
}
