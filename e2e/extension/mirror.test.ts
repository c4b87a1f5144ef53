// The two-way mirror with Chrome's bookmarks in Chromium: 500 bookmarks mirrored, a browser closed in the middle
// of the first run and started again on the same profile, changes either way, an edit on both sides at once, and
// the mass-delete guard. One profile for the whole file (two launches: the restart is one of the tests).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page, Worker } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ExtensionBrowser, grantedCopy, launchExtension } from '../lib/extension.ts'
import { chromeOutline, storeOutline } from '../lib/mirror-outline.ts'
import { makeLibrary, seedLibrary } from '../lib/seed.ts'

type Node = { id: string; parentId?: string; index?: number; title: string; url?: string; children?: Node[] }
type Entity = {
  id: string
  name?: string
  title?: string
  url?: string
  position: string
  isArchived: boolean
}
type Data = {
  spaces: Record<string, Entity & { name: string }>
  groups: Record<string, Entity & { name: string; spaceId: string }>
  bookmarks: Record<string, Entity & { title: string; url: string; groupId: string }>
}
type StorageArea = {
  get: (keys: null) => Promise<Record<string, unknown>>
  remove: (keys: string[]) => Promise<void>
}
type Settings = { enabled: boolean; rootId?: string; status: { state: string; deletes?: object } }
type G = {
  chrome: {
    bookmarks: {
      getSubTree: (id: string) => Promise<Node[]>
      getTree: () => Promise<Node[]>
      create: (b: object) => Promise<Node>
      update: (id: string, c: object) => Promise<Node>
      move: (id: string, d: object) => Promise<Node>
      remove: (id: string) => Promise<void>
      removeTree: (id: string) => Promise<void>
    }
  }
  bookmarksIndex: {
    stored: () => Promise<{ data: Data; outbox: unknown[] }>
    handleRequest: (request: object) => Promise<{ ok: boolean }>
    mirror: { idle: () => Promise<void>; settings: () => Promise<Settings | undefined> }
  }
}

const BOOKMARKS = 500
let dist: string
let profile: string
let browser: ExtensionBrowser
let page: Page

beforeAll(async () => {
  // A test cannot press "Allow" on Chrome's prompt: the build with `bookmarks` granted, as once the person allowed it.
  dist = grantedCopy(['bookmarks'])
  profile = mkdtempSync(join(tmpdir(), 'bookmarks-index-mirror-'))
  browser = await launchExtension({ dist, userDataDir: profile })
})
afterAll(async () => {
  await browser?.close()
  rmSync(profile, { recursive: true, force: true })
  rmSync(dist, { recursive: true, force: true })
})

const worker = async (): Promise<Worker> =>
  browser.context.serviceWorkers().find((w) => w.url().endsWith('/background.js')) ??
  browser.context.waitForEvent('serviceworker', (w) => w.url().endsWith('/background.js'))
const inWorker = async <R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> =>
  (await worker()).evaluate(fn as never, arg) as Promise<R>

const settings = () => inWorker(() => (globalThis as unknown as G).bookmarksIndex.mirror.settings(), null)
const stored = () => inWorker(() => (globalThis as unknown as G).bookmarksIndex.stored(), null)
const mirrorFolder = async (): Promise<Node | undefined> => {
  const rootId = (await settings())?.rootId
  if (!rootId) return undefined
  return inWorker(
    (id) =>
      (globalThis as unknown as G).chrome.bookmarks.getSubTree(id).then(
        ([n]) => n,
        () => undefined
      ),
    rootId
  )
}
const allNodes = () => inWorker(() => (globalThis as unknown as G).chrome.bookmarks.getTree(), null)

const countUrls = (nodes: Node[], pattern = /example\.com/): number =>
  nodes.reduce((n, c) => n + (c.url && pattern.test(c.url) ? 1 : 0) + countUrls(c.children ?? [], pattern), 0)
const folderNamed = (root: Node | undefined, path: string[]): Node | undefined =>
  path.reduce<Node | undefined>((at, name) => at?.children?.find((c) => c.title === name && !c.url), root)

/** Both sides agree: the outlines are the same, and that is what the test expects to see. */
async function agreed(): Promise<string[]> {
  let last: string[] = []
  await expect
    .poll(async () => {
      const [data, root] = [(await stored()).data, await mirrorFolder()]
      last = storeOutline(data)
      return JSON.stringify(chromeOutline(root)) === JSON.stringify(last)
    })
    .toBe(true)
  return last
}

async function openMirrorDialog() {
  await page.getByRole('button', { name: 'User menu' }).click()
  await page.getByRole('menuitem', { name: 'Mirror to Chrome bookmarks…' }).click()
}

describe('Mirror to Chrome bookmarks', () => {
  it('a browser closed in the middle of the first run (500 bookmarks) finishes it on the next start, nothing twice', async () => {
    page = await browser.newTab()
    await seedLibrary(page, makeLibrary({ spaces: 3, groupsPerSpace: 4, bookmarks: BOOKMARKS }))
    await page.reload()
    await page.getByRole('list', { name: 'Bookmarks' }).waitFor()
    await openMirrorDialog()
    // Closed while the worker is still making Chrome's nodes: as soon as the first bookmark is there (the page
    // hears Chrome's event itself), with hundreds still to come.
    const first = page.evaluate(
      () =>
        new Promise<void>((resolve) =>
          (
            globalThis as unknown as {
              chrome: {
                bookmarks: { onCreated: { addListener: (l: (id: string, n: Node) => void) => void } }
              }
            }
          ).chrome.bookmarks.onCreated.addListener((_id, node) => {
            if (node.url?.includes('example.com')) resolve()
          })
        )
    )
    await page.getByRole('button', { name: 'Turn on mirror' }).click()
    await first
    const made = countUrls(await allNodes())
    await browser.context.close()
    expect(made).toBeLessThan(BOOKMARKS)

    browser = await launchExtension({ dist, userDataDir: profile })
    page = await browser.newTab()
    const lines = await agreed()
    expect(lines.filter((l) => l.startsWith('    '))).toHaveLength(BOOKMARKS)
    const tree = await allNodes()
    expect(countUrls(tree)).toBe(BOOKMARKS)
    expect(countUrls(tree, /#mirror=/)).toBe(1)
    const folders = JSON.stringify(tree).match(/"title":"Bookmarks Index"/g) ?? []
    expect(folders).toHaveLength(1)
    expect(Object.keys((await stored()).data.bookmarks)).toHaveLength(BOOKMARKS)
    await expect.poll(async () => (await settings())?.status.state).toBe('on')
  })

  it('shows a change on either side on the other: create, rename, move, reorder, delete', async () => {
    const root = (await mirrorFolder()) as Node
    const group1 = folderNamed(root, ['Space 1', 'Group 1']) as Node
    const group2 = folderNamed(root, ['Space 1', 'Group 2']) as Node
    const space2 = folderNamed(root, ['Space 2']) as Node
    // Chrome's side, as the person (or Chrome sync) does it.
    await inWorker(
      async ({ g1, g2, s2 }) => {
        const api = (globalThis as unknown as G).chrome.bookmarks
        const [first, second, third] = (await api.getSubTree(g1))[0]?.children ?? []
        await api.create({
          parentId: g1,
          index: 0,
          title: 'From Chrome',
          url: 'https://from-chrome.example.com/'
        })
        await api.update(g2, { title: 'Group 2 renamed' })
        await api.move((first as Node).id, { parentId: g2, index: 0 })
        await api.move((third as Node).id, { parentId: g1, index: 1 })
        await api.remove((second as Node).id)
        const reading = await api.create({ parentId: s2, title: 'Reading' })
        await api.create({ parentId: reading.id, title: 'A post', url: 'https://post.example.com/' })
      },
      { g1: group1.id, g2: group2.id, s2: space2.id }
    )
    const lines = await agreed()
    const at = (name: string) => lines.indexOf(name)
    expect(lines[at('  Group 1/') + 1]).toBe('    From Chrome https://from-chrome.example.com/')
    expect(lines[at('  Group 2 renamed/') + 1]).toMatch(/^ {4}Site \d+ /)
    expect(lines.slice(at('Space 2/'))).toContain('    A post https://post.example.com/')
    expect(lines.filter((l) => l.startsWith('    '))).toHaveLength(BOOKMARKS + 1)

    // The store's side, through the new tab.
    await page.getByRole('tab', { name: 'Group 2 renamed' }).click()
    await page.getByRole('button', { name: 'New bookmark' }).click()
    await page.getByLabel('Address').fill('https://from-the-tab.example.com/')
    await page.getByLabel('Title').fill('From the tab')
    await page.getByRole('button', { name: 'Add bookmark', exact: true }).click()
    await expect
      .poll(async () => chromeOutline(await mirrorFolder()))
      .toContain('    From the tab https://from-the-tab.example.com/')
    const { data } = await stored()
    const post = Object.values(data.bookmarks).find((b) => b.url === 'https://post.example.com/')
    await inWorker(
      (id) => (globalThis as unknown as G).bookmarksIndex.handleRequest({ type: 'remove', bookmarkId: id }),
      post?.id as string
    )
    await expect
      .poll(async () => chromeOutline(await mirrorFolder()))
      .not.toContain('    A post https://post.example.com/')
    await agreed()
  })

  it('ends an edit made on both sides at once the same on both', async () => {
    const { data } = await stored()
    const target = Object.values(data.bookmarks).find((b) => b.title === 'From Chrome') as Entity
    const node = (await mirrorFolder())?.children
      ?.flatMap((s) => s.children ?? [])
      .flatMap((g) => g.children ?? [])
      .find((b) => b.title === 'From Chrome') as Node
    await inWorker(
      ({ id, chromeId }) =>
        Promise.all([
          (globalThis as unknown as G).bookmarksIndex.handleRequest({
            type: 'edit',
            bookmarkId: id,
            title: 'Store edit'
          }),
          (globalThis as unknown as G).chrome.bookmarks.update(chromeId, { title: 'Chrome edit' })
        ]),
      { id: target.id, chromeId: node.id }
    )
    const lines = await agreed()
    const edited = lines.filter((l) => / edit https:\/\/from-chrome/.test(l))
    expect(edited).toHaveLength(1)
    expect([
      '    Store edit https://from-chrome.example.com/',
      '    Chrome edit https://from-chrome.example.com/'
    ]).toContain(edited[0])
  })

  it('stops before deleting more than a few items, and asks: Keep them brings them back, Delete them deletes', async () => {
    const before = await agreed()
    const group = folderNamed(await mirrorFolder(), ['Space 3', 'Group 4']) as Node
    const inGroup = group.children?.length ?? 0
    expect(inGroup).toBeGreaterThan(5)
    await inWorker((id) => (globalThis as unknown as G).chrome.bookmarks.removeTree(id), group.id)
    const guard = page.getByRole('alertdialog', { name: 'Mirror paused' })
    await expect.poll(() => guard.textContent()).toContain(`${inGroup + 1} items from Bookmarks Index`)
    expect(storeOutline((await stored()).data)).toEqual(before)
    await guard.getByRole('button', { name: 'Keep them' }).click()
    expect(await agreed()).toEqual(before)
    await expect.poll(() => guard.count()).toBe(0)

    // The other way: a group deleted in the new tab would empty a folder in Chrome.
    await page.goto(browser.url())
    await page.getByRole('link', { name: 'Space 3' }).click()
    await page.getByRole('tab', { name: 'Group 4', exact: true }).click()
    await page.getByRole('button', { name: 'Group Group 4 actions' }).click()
    await page.getByRole('menuitem', { name: 'Delete' }).click()
    await page.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect.poll(() => guard.textContent()).toContain(`${inGroup + 1} items from Chrome’s bookmarks`)
    expect(chromeOutline(await mirrorFolder())).toEqual(before)
    await guard.getByRole('button', { name: 'Delete them' }).click()
    const after = await agreed()
    expect(after.slice(after.indexOf('Space 3/'))).not.toContain('  Group 4/')
    expect(after.length).toBe(before.length - inGroup - 1)
  })

  it('turned off, leaves Chrome’s folder as it is; turned on again, makes nothing twice', async () => {
    const before = await agreed()
    await openMirrorDialog()
    await page.getByRole('button', { name: 'Turn off mirror' }).click()
    const status = page.getByRole('dialog', { name: 'Mirror to Chrome bookmarks' }).getByRole('status')
    await expect.poll(() => status.textContent()).toBe('Off.')
    await page.getByRole('button', { name: 'Turn on mirror' }).click()
    await expect.poll(() => status.textContent()).toMatch(/^On: mirrored at/)
    expect(await agreed()).toEqual(before)
    expect(countUrls(await allNodes(), /#mirror=/)).toBe(1)

    // The mirror's own storage lost (as a reinstall loses it): the folder is found by its marker and adopted.
    await page.getByRole('button', { name: 'Turn off mirror' }).click()
    await expect.poll(() => status.textContent()).toBe('Off.')
    const ids = JSON.stringify(await allNodes())
    const library = JSON.stringify((await stored()).data)
    await inWorker(async () => {
      const local = (globalThis as unknown as { chrome: { storage: { local: StorageArea } } }).chrome.storage
        .local
      const keys = Object.keys(await local.get(null)).filter((k) => k.startsWith('bookmarks-index:mirror'))
      await local.remove(keys)
    }, null)
    await page.getByRole('button', { name: 'Turn on mirror' }).click()
    await expect.poll(() => status.textContent()).toMatch(/^On: mirrored at/)
    expect(await agreed()).toEqual(before)
    expect(JSON.stringify(await allNodes())).toBe(ids)
    expect(JSON.stringify((await stored()).data)).toBe(library)
  })

  it('asks for the bookmarks permission on the click, and says so when it is refused', async () => {
    await page.getByRole('button', { name: 'Turn off mirror' }).click()
    // Chrome's prompt cannot be answered from a test: a stand-in refuses, and records what was asked.
    await page.evaluate(() => {
      const api = (
        globalThis as unknown as { chrome: { permissions: { request: (p: object) => Promise<boolean> } } }
      ).chrome.permissions
      const asked: object[] = []
      Object.assign(globalThis, { askedFor: asked })
      api.request = (p: object) => {
        asked.push(p)
        return Promise.resolve(false)
      }
    })
    await page.getByRole('button', { name: 'Turn on mirror' }).click()
    await expect
      .poll(() =>
        page.getByRole('dialog', { name: 'Mirror to Chrome bookmarks' }).getByRole('alert').textContent()
      )
      .toBe(
        'The mirror needs your permission to change Chrome’s bookmarks, which was not given. Nothing was changed.'
      )
    expect(await page.evaluate(() => (globalThis as unknown as { askedFor: object[] }).askedFor)).toEqual([
      { permissions: ['bookmarks'] }
    ])
    expect((await settings())?.enabled).toBe(false)
  })
})
