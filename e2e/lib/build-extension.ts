// Builds extension/dist before the browser tests when any source is newer than the last build.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { DIST, ROOT } from './extension.ts'

const newest = (path: string): number => {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs)
}

export function ensureExtensionBuilt(): void {
  const built = join(DIST, 'index.html')
  const sources = ['extension/src', 'extension/public', 'extension/index.html', 'extension/vite.config.ts']
  const stale =
    !existsSync(built) ||
    // npm run dev's development build (with the dev sign-in) is not what the tests and benchmark measure.
    existsSync(join(DIST, '.development-build')) ||
    sources.some((source) => newest(join(ROOT, source)) > statSync(built).mtimeMs)
  if (!stale) return
  execFileSync(
    join(ROOT, 'node_modules/.bin/vite'),
    ['build', '--config', 'extension/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
      // Vitest sets NODE_ENV=test, which would make Vite pick Solid's development build.
      env: { ...process.env, NODE_ENV: 'production' }
    }
  )
}

export default function setup(): void {
  ensureExtensionBuilt()
}
