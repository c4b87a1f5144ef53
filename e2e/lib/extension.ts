// Launches Debian's Chromium with the built unpacked extension, in a throwaway profile.
import { createHash } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

export const ROOT = resolve(import.meta.dirname, '../..')
export const DIST = join(ROOT, 'extension/dist')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Headless Chromium that talks to nothing but what a test opens (no updates, sync or background fetches). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

/** Debian's Chromium, headless, for tests of plain pages. */
export const launchChromium = () =>
  chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })

/** Chrome derives an extension's id from its manifest key: sha256 of the key, first 32 hex digits as a–p. */
export function extensionIdOf(dist = DIST): string {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { key: string }
  const hex = createHash('sha256').update(Buffer.from(manifest.key, 'base64')).digest('hex').slice(0, 32)
  return [...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('')
}

/**
 * A copy of a build with optional permissions granted up front, as it is once the person allowed them: a test
 * cannot press "Allow" on Chrome's prompt. The extension's request for them then resolves at once, as it does for
 * a person who allowed it before. The caller removes the copy.
 */
export function grantedCopy(permissions: string[], dist = DIST): string {
  const copy = mkdtempSync(join(tmpdir(), 'bookmarks-index-granted-'))
  cpSync(dist, copy, { recursive: true })
  const path = join(copy, 'manifest.json')
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as {
    permissions: string[]
    optional_permissions?: string[]
  }
  manifest.permissions = [...manifest.permissions, ...permissions]
  manifest.optional_permissions = (manifest.optional_permissions ?? []).filter(
    (p) => !permissions.includes(p)
  )
  writeFileSync(path, JSON.stringify(manifest))
  return copy
}

export type ExtensionBrowser = {
  context: BrowserContext
  extensionId: string
  /** The extension page's own address (what chrome://newtab/ shows). */
  url: (hash?: string) => string
  newTab: () => Promise<Page>
  close: () => Promise<void>
}

export async function launchExtension(
  /** `grant`: optional permissions the run has granted already (a grantedCopy of `dist`); `args`: Chromium's. */
  options: { userDataDir?: string; dist?: string; grant?: string[]; args?: string[] } = {}
): Promise<ExtensionBrowser> {
  const granted = options.grant ? grantedCopy(options.grant, options.dist) : undefined
  const dist = granted ?? options.dist ?? DIST
  const dir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'bookmarks-index-e2e-'))
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    args: [
      ...CHROMIUM_ARGS,
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      ...(options.args ?? [])
    ]
  })
  const extensionId = extensionIdOf(dist)
  return {
    context,
    extensionId,
    url: (hash = '') => `chrome-extension://${extensionId}/index.html${hash}`,
    newTab: async () => {
      const page = await context.newPage()
      await page.goto('chrome://newtab/')
      return page
    },
    close: async () => {
      await context.close()
      if (!options.userDataDir) rmSync(dir, { recursive: true, force: true })
      if (granted) rmSync(granted, { recursive: true, force: true })
    }
  }
}
