// The throwaway database for a test run: DATABASE_URL when given, else a fresh embedded PostgreSQL run by
// scripts/test-db-server.ts in a child process that the returned stop() ends (by closing its stdin).
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { applyMigrations } from './migrate.ts'

export type TestDatabase = { url: string; stop: () => Promise<void> }

const serverScript = fileURLToPath(new URL('../test-db-server.ts', import.meta.url))

/** `fresh`: always a new embedded PostgreSQL, even when DATABASE_URL names one (a stack of its own). */
export async function startTestDatabase(options: { fresh?: boolean } = {}): Promise<TestDatabase> {
  const given = options.fresh ? undefined : process.env.DATABASE_URL
  if (given) {
    await applyMigrations(given)
    return { url: given, stop: async () => {} }
  }
  const child = spawn(process.execPath, [serverScript], { stdio: ['pipe', 'pipe', 'inherit'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
      const match = /READY (\S+)/.exec(out)
      if (match?.[1]) resolve(match[1])
    })
    child.once('exit', (code) =>
      reject(new Error(`the test database exited (code ${code}) before it was ready`))
    )
  })
  return {
    url,
    stop: async () => {
      child.stdin.end()
      await exited
    }
  }
}
