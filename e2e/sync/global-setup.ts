// The e2e-sync project's setup: the shared sync stack (shared-stack.ts), handed to its tests through inject().
import type { TestProject } from 'vitest/node'
import { sharedSyncStack, stopSharedSyncStack } from './shared-stack.ts'

export default async function setup(project: TestProject) {
  const { provided } = await sharedSyncStack()
  for (const key of Object.keys(provided) as (keyof typeof provided)[]) project.provide(key, provided[key])
  return stopSharedSyncStack
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared `wrangler dev`. */
    syncServerUrl: string
    /** Its database, for a file that runs a Worker of its own on the same data (live.test.ts). */
    syncDatabaseUrl: string
    /** Signs tokens its Worker trusts (syncServerAt() in server.ts). */
    syncPrivateKey: string
    /** An origin the Worker allows, serving PAGE and `<syncPageDir>/harness.js`. */
    syncPageOrigin: string
    syncPageDir: string
    /** A buildDevExtension() build for the shared Worker; withDevToken() makes one for a user. */
    syncDevExtension: string
    /** Why that build failed, when it did ('' when it did not). */
    syncDevExtensionError: string
    /** A buildClerkExtension() build for the shared Worker; withClerkProxy() points it at a Clerk stand-in. */
    syncClerkExtension: string
    syncClerkExtensionError: string
  }
}
