// Bundles bench/lib/worker-queries.ts with esbuild (the one wrangler uses), since Worker sources are
// extensionless TypeScript that Node's type stripping cannot import directly.
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

export type WorkerQueries = typeof import('./worker-queries.ts')

export async function loadWorkerQueries(): Promise<WorkerQueries> {
  const dir = mkdtempSync(join(import.meta.dirname, '.bundle-'))
  const outfile = join(dir, 'worker-queries.mjs')
  try {
    await build({
      entryPoints: [join(import.meta.dirname, 'worker-queries.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'warning'
    })
    return (await import(pathToFileURL(outfile).href)) as WorkerQueries
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
