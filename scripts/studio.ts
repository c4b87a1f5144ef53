// `npm run db:studio`: Drizzle Studio on DATABASE_URL, or on the running `npm run dev` database.
// Extra arguments go to drizzle-kit studio, e.g. `npm run db:studio -- --port 4984`.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { dataDir } from './lib/dev-env.ts'
import { repoRoot } from './lib/wrangler-dev.ts'

/** The embedded dev database's port, read from its postmaster.pid when it is running. */
function runningDevDatabase(): string | undefined {
  const pidFile = join(dataDir(), 'postgres', 'postmaster.pid')
  if (!existsSync(pidFile)) return undefined
  // postmaster.pid lines: pid, data dir, start time, port, socket dir, listen address, …
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n')
  try {
    process.kill(Number(pid), 0)
  } catch {
    return undefined
  }
  return `postgres://postgres:postgres@127.0.0.1:${Number(port)}/bookmarks`
}

const url = process.env.DATABASE_URL ?? runningDevDatabase()
if (!url) {
  console.error(
    'No database: start `npm run dev` in another terminal (its embedded database is used), ' +
      'or set DATABASE_URL=postgres://… for another database.'
  )
  process.exit(1)
}
console.log(`Drizzle Studio on ${process.env.DATABASE_URL ? 'DATABASE_URL' : url}`)
const child = spawn(
  process.execPath,
  [
    join(repoRoot, 'node_modules', 'drizzle-kit', 'bin.cjs'),
    'studio',
    '--host',
    '127.0.0.1',
    ...process.argv.slice(2)
  ],
  { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } }
)
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
