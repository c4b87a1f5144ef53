// `npm run deploy:check`: checks the deploy configuration, then bundles the Worker exactly as `wrangler deploy`
// would (`--dry-run`, offline, nothing uploaded) and prints the bundle size, raw and gzip. Fails when
// ALLOWED_ORIGINS is empty or holds something that is not a production origin, when a Durable Object class has no
// SQLite migration (the Free plan has only SQLite-backed ones), when the build fails, or when the bundle is over the
// Workers Free plan limit (3 MB gzip).
//   --env <name> (or CLOUDFLARE_ENV): check a wrangler environment; --config <path>: another wrangler.toml.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { unstable_readConfig } from 'wrangler'
import { repoRoot, WRANGLER_OFFLINE_ENV } from './lib/wrangler-dev.ts'

const GZIP_LIMIT = 3 * 1024 * 1024

const argument = (name: string) => {
  const index = process.argv.indexOf(name)
  return index > 0 ? process.argv[index + 1] : undefined
}
const envName = argument('--env') ?? (process.env.CLOUDFLARE_ENV || undefined)
const configPath = resolve(argument('--config') ?? join(repoRoot, 'wrangler.toml'))

/**
 * What is wrong with ALLOWED_ORIGINS for a deployed Worker, one line a problem. Empty turns off the check that a
 * session token's `azp` is an allowed origin (any page signed in to the Clerk instance could call the API) and
 * sends no CORS headers to the extension. Production origins are the extension's or https.
 */
export function allowedOriginsProblems(value: unknown): string[] {
  const origins = (typeof value === 'string' ? value : '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
  if (origins.length === 0) {
    return [
      'ALLOWED_ORIGINS is empty: the Worker would accept session tokens issued for any origin (no azp check) ' +
        'and send the extension no CORS headers. Set it in wrangler.toml [vars], e.g. ' +
        '"chrome-extension://<extension id>" (README "Deploy").'
    ]
  }
  return origins.flatMap((origin) => {
    if (/^chrome-extension:\/\/[a-p]{32}$/.test(origin)) return []
    let url: URL | undefined
    try {
      url = new URL(origin)
    } catch {
      // Reported below.
    }
    if (url?.protocol === 'https:' && url.origin === origin) return []
    return [
      `ALLOWED_ORIGINS holds "${origin}", which is not a production origin ` +
        '(chrome-extension://<32 letters a-p>, or https://host[:port] with no path or trailing slash).'
    ]
  })
}

type DurableObjectConfig = {
  durable_objects?: { bindings?: { name: string; class_name: string; script_name?: string }[] }
  migrations?: { tag: string; new_classes?: string[]; new_sqlite_classes?: string[] }[]
}

/**
 * What is wrong with the Durable Objects this Worker defines (the live channel's, worker/live/): each class needs a
 * `[[migrations]]` entry that creates it, and as `new_sqlite_classes`: the Workers Free plan has no key-value-backed
 * Durable Objects, so `new_classes` would make `wrangler deploy` fail there. `wrangler deploy` applies the migration.
 */
export function durableObjectProblems(config: DurableObjectConfig): string[] {
  const migrations = config.migrations ?? []
  const sqlite = new Set(migrations.flatMap((m) => m.new_sqlite_classes ?? []))
  const legacy = new Set(migrations.flatMap((m) => m.new_classes ?? []))
  return (config.durable_objects?.bindings ?? [])
    .filter((binding) => !binding.script_name)
    .flatMap(({ name, class_name }) => {
      if (legacy.has(class_name))
        return [
          `Durable Object ${class_name} (binding ${name}) is created by new_classes: the Free plan needs new_sqlite_classes.`
        ]
      if (!sqlite.has(class_name))
        return [
          `Durable Object ${class_name} (binding ${name}) has no [[migrations]] entry with new_sqlite_classes = ["${class_name}"].`
        ]
      return []
    })
}

const where = `${relative(repoRoot, configPath) || configPath}${envName ? ` (env ${envName})` : ''}`
const config = unstable_readConfig({ config: configPath, env: envName }, { hideWarnings: true })
const problems = [
  ...allowedOriginsProblems(config.vars?.ALLOWED_ORIGINS),
  ...durableObjectProblems(config as DurableObjectConfig)
]
if (problems.length > 0) {
  console.error(
    `deploy:check: ${where} is not ready to deploy:\n${problems.map((p) => `  - ${p}`).join('\n')}`
  )
  process.exit(1)
}
console.log(`ALLOWED_ORIGINS (${where}): ${String(config.vars?.ALLOWED_ORIGINS)}`)
for (const binding of config.durable_objects?.bindings ?? [])
  console.log(
    `Durable Object ${binding.class_name} (${binding.name}): SQLite-backed, migrated by wrangler deploy`
  )

const outdir = mkdtempSync(join(tmpdir(), 'bookmarks-deploy-check-'))

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

try {
  const result = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
      'deploy',
      '--dry-run',
      '--outdir',
      outdir,
      '--config',
      configPath,
      ...(envName ? ['--env', envName] : [])
    ],
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ...WRANGLER_OFFLINE_ENV } }
  )
  if (result.status !== 0) {
    console.error(
      `wrangler deploy --dry-run failed (exit ${result.status}):\n${result.stdout}${result.stderr}`
    )
    process.exit(1)
  }
  const code = files(outdir).filter((path) => /\.(m?js|wasm)$/.test(path))
  if (code.length === 0) {
    console.error(`wrangler deploy --dry-run wrote no bundle into ${outdir}`)
    process.exit(1)
  }
  let raw = 0
  let gzip = 0
  for (const path of code) {
    const bytes = readFileSync(path)
    raw += bytes.length
    gzip += gzipSync(bytes, { level: 9 }).length
    console.log(`  ${relative(outdir, path)}  ${kb(bytes.length)}`)
  }
  console.log(
    `Worker bundle: ${kb(raw)} raw, ${kb(gzip)} gzip (limit ${kb(GZIP_LIMIT)} gzip on the Free plan)`
  )
  if (gzip > GZIP_LIMIT) {
    console.error('The bundle is over the Free plan limit.')
    process.exit(1)
  }
  if (/id\s*=\s*"0{32}"/.test(readFileSync(configPath, 'utf8'))) {
    console.warn(
      'Note: wrangler.toml still has the placeholder Hyperdrive id; see README "Deploy" before npm run deploy.'
    )
  }
} finally {
  rmSync(outdir, { recursive: true, force: true })
}
