// `npm run package`: zips the production build in extension/dist (`npm run build` makes it first) into
// release/bookmarks-index-<version>.zip for the Chrome Web Store: its files at the zip's root, and the manifest
// without "key", which the store refuses (it assigns the published extension's id itself).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { loadEnv } from 'vite'
import { type ZipEntry, zip } from './lib/zip.ts'

const root = join(import.meta.dirname, '..')
const dist = join(root, 'extension', 'dist')
const release = join(root, 'release')

function fail(message: string): never {
  console.error(`package: ${message}`)
  process.exit(1)
}

if (!existsSync(join(dist, 'manifest.json')))
  fail('extension/dist has no manifest.json; `npm run package` builds it first, `npm run build` alone too')
if (existsSync(join(dist, '.development-build')))
  fail('extension/dist is a development build (npm run dev’s, with the dev sign-in); run `npm run build`')

const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as Record<string, unknown>
const version = String(manifest.version)
if (!/^\d+(\.\d+){0,3}$/.test(version)) fail(`the manifest's version "${version}" is not one Chrome takes`)
delete manifest.key

// A dev token is a JWT inlined as a string; a production build has none (vite.config.ts refuses VITE_DEV_TOKEN).
const JWT = /["'`]eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}["'`]/

const entries: ZipEntry[] = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
  .map((entry) => relative(dist, join(entry.parentPath, entry.name)).split(sep).join('/'))
  .sort()
  .map((name) => {
    if (name === 'manifest.json') return { name, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }
    const data = readFileSync(join(dist, name))
    if (name.endsWith('.js') && JWT.test(data.toString('utf8'))) fail(`${name} holds a token; not packaged`)
    return { name, data }
  })

mkdirSync(release, { recursive: true })
const out = join(release, `bookmarks-index-${version}.zip`)
const bytes = zip(entries)
writeFileSync(out, bytes)
console.log(
  `${relative(root, out)}: ${entries.length} files, ${(bytes.length / 1024).toFixed(1)} KiB (manifest without "key")`
)

// What the build was made with (the same VITE_* variables and .env files Vite read): worth a word, never fatal.
const env = loadEnv('production', root, 'VITE_')
if (!env.VITE_API_URL)
  console.warn(
    'Note: VITE_API_URL was not set, so this package syncs with http://127.0.0.1:8787 (README "Deploy").'
  )
if (!env.VITE_CLERK_PUBLISHABLE_KEY)
  console.warn(
    'Note: VITE_CLERK_PUBLISHABLE_KEY was not set, so this package cannot sign in; it keeps data locally.'
  )
console.warn(
  'The store gives the extension its own id: put chrome-extension://<that id> in ALLOWED_ORIGINS and Clerk (README "Build and publish").'
)
