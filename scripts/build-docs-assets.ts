// Copies Swagger UI from node_modules/swagger-ui-dist into worker/public/docs/ (gitignored), which
// wrangler serves as the Worker's static assets, so /docs renders with no internet and no CDN. The page and
// its start script (/docs, /docs/init.js) are the Worker's routes (worker/routes/docs), under their CSP.
// Runs before dev, test and deploy (npm pre-scripts); `node scripts/build-docs-assets.ts` by hand.
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
export const docsAssetsDir = join(repoRoot, 'worker', 'public', 'docs')

const FILES = ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png'] as const

/** Writes the assets; returns the files written. Idempotent, and only rewrites files that changed. */
export function buildDocsAssets(outDir = docsAssetsDir): string[] {
  const require = createRequire(import.meta.url)
  const distDir = dirname(require.resolve('swagger-ui-dist/package.json'))
  mkdirSync(outDir, { recursive: true })
  const written: string[] = []
  for (const file of FILES) {
    const target = join(outDir, file)
    if (!sameContent(join(distDir, file), target)) {
      copyFileSync(join(distDir, file), target)
      written.push(file)
    }
  }
  // Swagger UI's start script is the Worker's own route now (worker/routes/docs): a copy left here by an older
  // build would be served in its place, as static assets win over the Worker.
  rmSync(join(outDir, 'init.js'), { force: true })
  return written
}

function sameContent(a: string, b: string): boolean {
  try {
    return readFileSync(a).equals(readFileSync(b))
  } catch {
    return false
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const written = buildDocsAssets()
  const version = JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'), 'utf8')
  ).version
  console.log(
    `docs assets (swagger-ui-dist ${version}) in worker/public/docs: ${written.length ? `wrote ${written.join(', ')}` : 'up to date'}`
  )
}
