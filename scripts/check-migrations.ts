// `npm run db:check`: fails when worker/db/schema and the committed migrations/ disagree, i.e. when
// `npm run db:generate` would write a new migration. Runs drizzle-kit against a temporary copy of
// migrations/, so the real folder is never touched. Also runs `drizzle-kit check` (journal consistency).
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { migrationsFolder } from './lib/migrate.ts'
import { repoRoot } from './lib/wrangler-dev.ts'

const drizzleKit = join(repoRoot, 'node_modules', 'drizzle-kit', 'bin.cjs')

function sqlFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.sql'))
}

function run(args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [drizzleKit, ...args], { cwd: repoRoot, encoding: 'utf8' })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

const consistency = run(['check', '--dialect', 'postgresql', '--out', './migrations'])
if (consistency.status !== 0) {
  console.error(`drizzle-kit check failed:\n${consistency.output}`)
  process.exit(1)
}

const temp = mkdtempSync(join(tmpdir(), 'bookmarks-migrations-check-'))
try {
  const copy = join(temp, 'migrations')
  cpSync(migrationsFolder, copy, { recursive: true })
  const before = new Set(sqlFiles(copy))
  // drizzle-kit wants a relative --out; a path from the repository root to the temp copy works.
  const out = `./${relative(repoRoot, copy)}`
  const generate = run([
    'generate',
    '--dialect',
    'postgresql',
    '--schema',
    './worker/db/schema/index.ts',
    '--casing',
    'snake_case',
    '--out',
    out
  ])
  if (generate.status !== 0) {
    console.error(`drizzle-kit generate failed:\n${generate.output}`)
    process.exit(1)
  }
  const added = sqlFiles(copy).filter((name) => !before.has(name))
  if (added.length > 0) {
    console.error(
      'The schema in worker/db/schema and the committed migrations disagree: drizzle-kit generate would add\n' +
        added.map((name) => `  migrations/${name}`).join('\n') +
        '\nRun `npm run db:generate`, review the SQL, and commit migrations/.'
    )
    process.exit(1)
  }
  console.log(`Migrations match the schema (${before.size} migration${before.size === 1 ? '' : 's'}).`)
} finally {
  rmSync(temp, { recursive: true, force: true })
}
