// Starts the test run's database and signing keys, shared with the Worker tests through inject().
import type { TestProject } from 'vitest/node'
import { ensureExtensionBuilt } from '../e2e/lib/build-extension'
import { generateKeyPair } from '../scripts/lib/dev-keys'
import { startTestDatabase } from '../scripts/lib/test-database'

export default async function setup(project: TestProject) {
  const starting = startTestDatabase()
  // Vitest runs the projects' setups one after another; the Chromium project's build (its own setup, e2e/lib/
  // build-extension.ts, then finds it fresh) is made here while the database starts, not after it.
  const building = project.vitest.projects.some((p) => p.name === 'e2e') ? ensureExtensionBuilt() : undefined
  // The database starts in its own process; the key pair is made meanwhile.
  const keys = generateKeyPair()
  const [db] = await Promise.all([starting, building])
  project.provide('databaseUrl', db.url)
  project.provide('jwtPublicKey', keys.publicKeyPem)
  project.provide('jwtPrivateKey', keys.privateKeyPem)
  return () => db.stop()
}
