// Starts the test run's database and signing keys, shared with the Worker tests through inject().
import type { TestProject } from 'vitest/node'
import { ensureExtensionBuilt } from '../e2e/lib/build-extension'
import { sharedSyncStack, stopSharedSyncStack } from '../e2e/sync/shared-stack'
import { generateKeyPair } from '../scripts/lib/dev-keys'
import { startTestDatabase } from '../scripts/lib/test-database'

export default async function setup(project: TestProject) {
  const runs = (name: string) => project.vitest.projects.some((p) => p.name === name)
  const starting = startTestDatabase()
  // Vitest runs the projects' setups one after another, after this one. Their slow parts start here instead, beside
  // the database: the Chromium project's build (its own setup, e2e/lib/build-extension.ts, then finds it fresh) and
  // the e2e-sync project's stack (its setup then waits for the same one). A failure there is that project's: its
  // setup reports it.
  const building = runs('e2e') ? ensureExtensionBuilt() : undefined
  if (runs('e2e-sync')) sharedSyncStack().catch(() => {})
  // The database starts in its own process; the key pair is made meanwhile.
  const keys = generateKeyPair()
  const [db] = await Promise.all([starting, building])
  project.provide('databaseUrl', db.url)
  project.provide('jwtPublicKey', keys.publicKeyPem)
  project.provide('jwtPrivateKey', keys.privateKeyPem)
  return async () => {
    await Promise.all([db.stop(), stopSharedSyncStack()])
  }
}
