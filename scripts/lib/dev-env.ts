// Local development settings shared by `npm run dev` and `npm run token`: data folder, dev keys, origins.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import { parseEnv } from 'node:util'
import { generateKeyPair, type KeyPair } from './dev-keys.ts'
import { repoRoot } from './wrangler-dev.ts'

/** The unpacked extension's origin: its id is fixed by the manifest's `"key"` (extension/README.md). */
export const EXTENSION_ORIGIN = 'chrome-extension://ccliffkoehglgdfmpihlkfnhebbdkdhi'

/** CORS origins (and accepted token `azp`s) for local development: the API's own pages and the extension. */
export const DEV_ALLOWED_ORIGINS = `http://127.0.0.1:8787,http://localhost:8787,${EXTENSION_ORIGIN}`

/** The user the extension's development build signs in as (`npm run dev`). */
export const DEV_USER_ID = 'user_dev'

/** The issuer of tokens minted by `npm run token`. */
export const DEV_ISSUER = 'https://dev.bookmarks-index.local'

export const DEFAULT_API_PORT = 8787
export const DEFAULT_DB_PORT = 54329

/** `.data/` in the repository, or BOOKMARKS_DATA_DIR (the tests use a temporary one). */
export function dataDir(): string {
  const given = process.env.BOOKMARKS_DATA_DIR
  if (!given) return join(repoRoot, '.data')
  return isAbsolute(given) ? given : resolve(repoRoot, given)
}

/** The dev RS256 key pair in `<data>/dev-keys.json`, generated on first use and kept. */
export function ensureDevKeys(dir = dataDir()): KeyPair & { path: string; created: boolean } {
  const path = join(dir, 'dev-keys.json')
  if (existsSync(path)) {
    const keys = JSON.parse(readFileSync(path, 'utf8')) as KeyPair
    return { ...keys, path, created: false }
  }
  mkdirSync(dir, { recursive: true })
  const keys = generateKeyPair()
  writeFileSync(path, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 })
  return { ...keys, path, created: true }
}

/** Reads `.dev.vars` (or BOOKMARKS_DEV_VARS) when it exists (dotenv syntax). */
export function readDevVars(
  path = process.env.BOOKMARKS_DEV_VARS ?? join(repoRoot, '.dev.vars')
): Record<string, string> {
  if (!existsSync(path)) return {}
  return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>
}

export type WorkerSecrets = {
  CLERK_JWT_KEY: string
  CLERK_SECRET_KEY: string
  ALLOWED_ORIGINS: string
}

export type SecretSource = 'env' | '.dev.vars' | 'default'

/**
 * The Worker's secrets for local dev: process env first, then `.dev.vars`, then defaults.
 * CLERK_JWT_KEY defaults to the dev public key (so `npm run token` works) unless a Clerk key is given.
 */
export function resolveWorkerSecrets(
  devPublicKey: string,
  env: NodeJS.ProcessEnv = process.env,
  devVars: Record<string, string> = readDevVars()
): { secrets: WorkerSecrets; sources: Record<keyof WorkerSecrets, SecretSource> } {
  const pick = (name: keyof WorkerSecrets): [string, SecretSource] | undefined => {
    if (env[name]) return [env[name], 'env']
    if (devVars[name]) return [devVars[name], '.dev.vars']
    return undefined
  }
  const jwtKey = pick('CLERK_JWT_KEY')
  const secretKey = pick('CLERK_SECRET_KEY')
  const origins = pick('ALLOWED_ORIGINS')
  const [jwtValue, jwtSource] = jwtKey ?? (secretKey ? ['', 'default'] : [devPublicKey, 'default'])
  return {
    secrets: {
      CLERK_JWT_KEY: jwtValue,
      CLERK_SECRET_KEY: secretKey?.[0] ?? '',
      ALLOWED_ORIGINS: origins?.[0] ?? DEV_ALLOWED_ORIGINS
    },
    sources: {
      CLERK_JWT_KEY: jwtSource,
      CLERK_SECRET_KEY: secretKey?.[1] ?? 'default',
      ALLOWED_ORIGINS: origins?.[1] ?? 'default'
    }
  }
}

/** Writes the secrets as a dotenv file (owner-only, under the gitignored data folder) for `--env-file`. */
export function writeEnvFile(path: string, values: Record<string, string>): void {
  const lines = Object.entries(values).map(([key, value]) => {
    if (value.includes('"')) throw new Error(`${key} must not contain a double quote`)
    // Double-quoted dotenv values expand \n, which keeps PEM keys on one line.
    return `${key}="${value.replace(/\r?\n/g, '\\n')}"`
  })
  writeFileSync(
    path,
    `# Written by npm run dev; regenerated on every start. Do not edit.\n${lines.join('\n')}\n`,
    {
      mode: 0o600
    }
  )
  chmodSync(path, 0o600)
}
