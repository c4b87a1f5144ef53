// Builds the extension for the browser tests: extension/dist (production) before the e2e project when any
// source is newer than the last build, and builds elsewhere with other settings for the sync tests.
import { execFile, execFileSync } from 'node:child_process'
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { DIST, ROOT } from './extension.ts'

const vite = join(ROOT, 'node_modules/.bin/vite')
// Vitest sets NODE_ENV=test, which would make Vite pick Solid's development build.
const buildEnv = (env: Record<string, string> = {}) => ({ ...process.env, NODE_ENV: 'production', ...env })

const newest = (path: string): number => {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs)
}

export function ensureExtensionBuilt(): void {
  const built = join(DIST, 'index.html')
  const sources = [
    'extension/src',
    'extension/public',
    'extension/index.html',
    'extension/popup.html',
    'extension/vite.config.ts',
    'model'
  ]
  const stale =
    !existsSync(built) ||
    // npm run dev's development build (with the dev sign-in) is not what the tests and benchmark measure.
    existsSync(join(DIST, '.development-build')) ||
    sources.some((source) => newest(join(ROOT, source)) > statSync(built).mtimeMs)
  if (!stale) return
  execFileSync(vite, ['build', '--config', 'extension/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: buildEnv()
  })
}

/** Builds the extension into `outDir` as `vite build --mode <mode>` with `env` (VITE_* settings) on top. */
export async function buildExtension(
  outDir: string,
  mode: 'development' | 'production',
  env: Record<string, string>
): Promise<string> {
  const args = ['build', '--config', 'extension/vite.config.ts', '--mode', mode, '--outDir', outDir]
  try {
    await promisify(execFile)(vite, [...args, '--logLevel', 'warn'], { cwd: ROOT, env: buildEnv(env) })
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    throw new Error(`vite build --mode ${mode} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error })
  }
  return outDir
}

/**
 * Stands in for the dev token in a development build made by buildDevExtension(); withDevToken() puts a
 * real one in its place. Only characters a JWT has, so it sits in the bundle exactly where a token would.
 */
const DEV_TOKEN_PLACEHOLDER = 'e2e.dev-token-placeholder.5f0c1d2e9a7b'

/**
 * The development build `npm run dev` makes (the dev sign-in on), against `apiUrl`, with a placeholder for
 * the token. Vite inlines VITE_DEV_TOKEN as a string literal, so a copy with the literal replaced is the
 * build for that token, without another `vite build` (seconds of CPU) per signed-in user.
 */
export async function buildDevExtension(outDir: string, apiUrl: string): Promise<string> {
  await buildExtension(outDir, 'development', { VITE_API_URL: apiUrl, VITE_DEV_TOKEN: DEV_TOKEN_PLACEHOLDER })
  if (replaceInScripts(outDir, DEV_TOKEN_PLACEHOLDER, DEV_TOKEN_PLACEHOLDER) === 0)
    throw new Error('the development build does not contain VITE_DEV_TOKEN as a literal any more')
  return outDir
}

/**
 * Copies a buildDevExtension() build to `outDir` with `token` as its dev token (a build for that user), and with
 * `api.to` in place of the API address it was built for (`api.from`), for a test that runs a Worker of its own.
 */
export function withDevToken(
  devBuild: string,
  token: string,
  outDir: string,
  api?: { from: string; to: string }
): string {
  if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) throw new Error('the dev token is not a compact JWT')
  cpSync(devBuild, outDir, { recursive: true })
  if (replaceInScripts(outDir, DEV_TOKEN_PLACEHOLDER, token) === 0)
    throw new Error(`${devBuild} is not a buildDevExtension() build`)
  if (api && replaceInScripts(outDir, api.from, api.to) === 0)
    throw new Error(`${devBuild} does not contain its API address ${api.from} as a literal`)
  return outDir
}

/** Replaces `from` with `to` in every script of the build; returns how many it replaced. */
function replaceInScripts(dir: string, from: string, to: string): number {
  let count = 0
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue
    const path = join(entry.parentPath, entry.name)
    const text = readFileSync(path, 'utf8')
    const parts = text.split(from)
    if (parts.length === 1) continue
    count += parts.length - 1
    if (from !== to) writeFileSync(path, parts.join(to))
  }
  return count
}

export default function setup(): void {
  ensureExtensionBuilt()
}
