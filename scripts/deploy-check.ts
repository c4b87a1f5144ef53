// `npm run deploy:check`: bundles the Worker exactly as `wrangler deploy` would (`--dry-run`, offline,
// nothing uploaded) and prints the bundle size, raw and gzip. Fails when the build fails or the bundle
// is over the Workers Free plan limit (3 MB gzip).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { repoRoot, WRANGLER_OFFLINE_ENV } from './lib/wrangler-dev.ts'

const GZIP_LIMIT = 3 * 1024 * 1024
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
      outdir
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
  const config = readFileSync(join(repoRoot, 'wrangler.toml'), 'utf8')
  if (/id\s*=\s*"0{32}"/.test(config)) {
    console.warn(
      'Note: wrangler.toml still has the placeholder Hyperdrive id; see README "Deploy" before npm run deploy.'
    )
  }
} finally {
  rmSync(outdir, { recursive: true, force: true })
}
