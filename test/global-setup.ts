// Starts the test run's database and signing keys, shared with the Worker tests through inject().
import type { TestProject } from 'vitest/node'
import { generateKeyPair } from '../scripts/lib/dev-keys'
import { startTestDatabase } from '../scripts/lib/test-database'

export default async function setup(project: TestProject) {
  const starting = startTestDatabase()
  // The database starts in its own process; the key pair is made meanwhile.
  const keys = generateKeyPair()
  const db = await starting
  project.provide('databaseUrl', db.url)
  project.provide('jwtPublicKey', keys.publicKeyPem)
  project.provide('jwtPrivateKey', keys.privateKeyPem)
  return () => db.stop()
}
