// Builds the extension for the browser tests: extension/dist (production) before the e2e project when any
// source is newer than the last build, and builds elsewhere with other settings for the sync tests.
import { execFile } from 'node:child_process'
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

/** Builds extension/dist (production, what the tests and the benchmark load) when any source is newer. */
export async function ensureExtensionBuilt(): Promise<void> {
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
  if (stale) await buildExtension(DIST, 'production', {})
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
 * Placeholders for settings a test knows only once it runs (a user's dev token, a Clerk stand-in's port). Vite
 * inlines VITE_* settings as string literals, so a copy with the literal replaced is the build for that value,
 * without another `vite build` (seconds of CPU) per value. Only characters a JWT and a URL both have, so each sits
 * in the bundle exactly where the real value would.
 */
const DEV_TOKEN_PLACEHOLDER = 'e2e.dev-token-placeholder.5f0c1d2e9a7b'
const CLERK_URL_PLACEHOLDER = 'http://clerk-proxy-placeholder.invalid'

/** Builds with `placeholders` as VITE_* settings, and checks each is in the bundle as a literal to replace. */
async function buildWithPlaceholders(
  outDir: string,
  mode: 'development' | 'production',
  env: Record<string, string>,
  placeholders: Record<string, string>
): Promise<string> {
  await buildExtension(outDir, mode, { ...env, ...placeholders })
  for (const [name, placeholder] of Object.entries(placeholders))
    if (replaceInScripts(outDir, placeholder, placeholder) === 0)
      throw new Error(`the ${mode} build does not contain ${name} as a literal any more`)
  return outDir
}

/** Copies a build made with `placeholder` to `outDir` with `value` in its place (the build for that value). */
function withValue(build: string, placeholder: string, value: string, outDir: string): string {
  cpSync(build, outDir, { recursive: true })
  if (replaceInScripts(outDir, placeholder, value) === 0)
    throw new Error(`${build} is not a build with a placeholder for this setting`)
  return outDir
}

/** The development build `npm run dev` makes (the dev sign-in on), against `apiUrl`, for withDevToken(). */
export const buildDevExtension = (outDir: string, apiUrl: string) =>
  buildWithPlaceholders(
    outDir,
    'development',
    { VITE_API_URL: apiUrl },
    { VITE_DEV_TOKEN: DEV_TOKEN_PLACEHOLDER }
  )

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
  withValue(devBuild, DEV_TOKEN_PLACEHOLDER, token, outDir)
  if (api && replaceInScripts(outDir, api.from, api.to) === 0)
    throw new Error(`${devBuild} does not contain its API address ${api.from} as a literal`)
  return outDir
}

/** A store build (production, Clerk on, no dev token) against `apiUrl`, for withClerkProxy(). */
export const buildClerkExtension = (outDir: string, apiUrl: string, publishableKey: string) =>
  buildWithPlaceholders(
    outDir,
    'production',
    { VITE_API_URL: apiUrl, VITE_CLERK_PUBLISHABLE_KEY: publishableKey },
    { VITE_CLERK_PROXY_URL: CLERK_URL_PLACEHOLDER }
  )

/** Copies a buildClerkExtension() build to `outDir`, signing in through the Clerk stand-in at `proxyUrl`. */
export const withClerkProxy = (clerkBuild: string, proxyUrl: string, outDir: string) =>
  withValue(clerkBuild, CLERK_URL_PLACEHOLDER, proxyUrl, outDir)

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

export default async function setup(): Promise<void> {
  await ensureExtensionBuilt()
}
