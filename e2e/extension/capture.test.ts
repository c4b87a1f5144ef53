// Capture from outside the new tab in real Chromium: the service worker's menus, shortcut and omnibox handlers,
// the toolbar popup against real tabs of a local site, the badge, save all tabs, and a worker stopped mid-save;
// and the optional `bookmarks` permission, asked for by the import of Chrome's bookmarks.
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Page, Worker } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DIST, type ExtensionBrowser, grantedCopy, launchExtension, ROOT } from '../lib/extension.ts'
import { addBookmark, createSpaceGroup, tiles } from '../lib/pages.ts'
import { makeLibrary, seedLibrary } from '../lib/seed.ts'
import { type Site, startSite } from '../lib/site.ts'

// The popup's screenshots in the README are rewritten only on purpose (UPDATE_SCREENSHOTS=1), so that a test run
// leaves the working tree clean.
const SHOTS = join(
  ROOT,
  process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots'
)
mkdirSync(SHOTS, { recursive: true })

/** What the tests reach inside the worker; loose on purpose, the extension's own types live in its tsconfig. */
type Tab = {
  id: number
  url?: string
  pendingUrl?: string
  title?: string
  windowId: number
  pinned: boolean
  status?: string
}
type Result = {
  status: string
  bookmark?: { title: string; url: string; groupId: string }
  place?: { label: string }
}
type MenuItem = { id: string; title: string; contexts: string[]; parentId?: string }
type Stored = {
  data: { bookmarks: Record<string, { id: string; url: string; title: string; groupId: string }> }
  outbox: { op: string; entity: string; data: { id?: string } }[]
}
type G = {
  chrome: {
    tabs: {
      query: (q: object) => Promise<Tab[]>
      update: (id: number, p: object) => Promise<Tab>
    }
    windows: { create: (p: object) => Promise<{ id: number; tabs: Tab[] }> }
    tabGroups: { query: (q: object) => Promise<{ id: number; title: string; color: string }[]> }
    action: { getBadgeText: (d: { tabId: number }) => Promise<string> }
    storage: { local: { get: (k: string) => Promise<Record<string, { groupId?: string } | undefined>> } }
    runtime: { getURL: (path: string) => string }
  }
  bookmarksIndex: {
    builtMenus: () => MenuItem[] | undefined
    onMenuClicked: (info: object, tab?: Tab) => Promise<Result>
    onInputChanged: (text: string, suggest: () => void) => Promise<{ content: string; description: string }[]>
    onInputEntered: (text: string, disposition: string) => Promise<string>
    handleRequest: (request: object) => Promise<{ ok: boolean; result?: Result }>
    stored: () => Promise<Stored>
  }
}

let grantedDist: string
let browser: ExtensionBrowser
let site: Site

// A test cannot press "Allow" on Chrome's permission prompt, so the capture tests run a copy of the build with the
// optional `tabs` and `tabGroups` permissions granted up front, as it is once the person allowed it; the popup's
// request then resolves at once, as it does for a person who allowed it before.
beforeAll(() => {
  grantedDist = grantedCopy(['tabs', 'tabGroups'])
})
afterAll(() => rmSync(grantedDist, { recursive: true, force: true }))

const worker = async (): Promise<Worker> =>
  browser.context.serviceWorkers().find((w) => w.url().endsWith('/background.js')) ??
  browser.context.waitForEvent('serviceworker', (w) => w.url().endsWith('/background.js'))

/** A real tab of the local site, and its id as the extension sees it. */
async function openSite(path: string): Promise<{ page: Page; tab: Tab }> {
  const page = await browser.context.newPage()
  await page.goto(`${site.origin}${path}`)
  const url = page.url()
  const w = await worker()
  let tab: Tab | undefined
  await expect
    .poll(async () => {
      const tabs = await w.evaluate(() => (globalThis as unknown as G).chrome.tabs.query({}))
      tab = tabs.find((t) => t.url === url && t.title?.startsWith('Page'))
      return !!tab
    })
    .toBe(true)
  return { page, tab: tab as Tab }
}

const badge = async (tabId: number) =>
  (await worker()).evaluate(
    (id) => (globalThis as unknown as G).chrome.action.getBadgeText({ tabId: id }),
    tabId
  )

const stored = async () =>
  (await worker()).evaluate(() => (globalThis as unknown as G).bookmarksIndex.stored())

const saveRequest = async (url: string, title: string) =>
  (await worker()).evaluate(
    (page) => (globalThis as unknown as G).bookmarksIndex.handleRequest({ type: 'save-page', page }),
    { url, title }
  )

/** A new tab with the space Work and its group Docs, opened, so that captures go there. */
async function newTabWithGroup(): Promise<Page> {
  const page = await browser.newTab()
  await createSpaceGroup(page, 'Work', 'Docs')
  await waitForTarget()
  return page
}

/** Until the new tab has mirrored where captures go (chrome.storage.local), a capture would pick a default. */
async function waitForTarget(groupId?: string) {
  const w = await worker()
  await expect
    .poll(async () => {
      const stored = await w.evaluate(() =>
        (globalThis as unknown as G).chrome.storage.local.get('bookmarks-index:capture-target')
      )
      const target = stored['bookmarks-index:capture-target']
      return groupId ? target?.groupId === groupId : !!target?.groupId
    })
    .toBe(true)
}

const openPopup = async (tabId: number) => {
  const popup = await browser.context.newPage()
  await popup.setViewportSize({ width: 364, height: 460 })
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`)
  await popup.locator('main:not([aria-busy])').waitFor()
  return popup
}

it('asks up front only for what the menus need; tabs, tab groups and bookmarks are optional', () => {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as {
    permissions: string[]
    optional_permissions: string[]
    host_permissions?: string[]
    background: { service_worker: string; type: string }
  }
  expect(manifest.permissions.sort()).toEqual([
    'activeTab',
    'contextMenus',
    'favicon',
    'offscreen',
    'storage'
  ])
  expect(manifest.optional_permissions.sort()).toEqual(['bookmarks', 'tabGroups', 'tabs'])
  expect(manifest.host_permissions).toBeUndefined()
  expect(manifest.background).toEqual({ service_worker: 'background.js', type: 'module' })
})

describe('capture from outside the new tab', () => {
  beforeEach(async () => {
    ;[browser, site] = await Promise.all([launchExtension({ dist: grantedDist }), startSite()])
  })
  afterEach(async () => {
    await Promise.all([browser?.close(), site?.close()])
  })

  it("saves a page and a link through the service worker's menu handlers, shown at once on an open new tab", async () => {
    const newTab = await newTabWithGroup()
    const { tab } = await openSite('/article')
    const w = await worker()
    const menu = (info: object, t: Tab) =>
      w.evaluate(([i, t2]) => (globalThis as unknown as G).bookmarksIndex.onMenuClicked(i, t2), [
        info,
        t
      ] as const)

    const page = await menu({ menuItemId: 'save-page', pageUrl: tab.url }, tab)
    expect(page.status).toBe('saved')
    expect(page.bookmark?.title).toBe('Page article')
    await expect.poll(() => tiles(newTab).allTextContents()).toEqual(['Page article'])
    expect(await badge(tab.id)).toBe('✓')

    const link = { menuItemId: 'save-link', pageUrl: tab.url, linkUrl: `${site.origin}/linked` }
    expect((await menu({ ...link, selectionText: 'Linked page' }, tab)).status).toBe('saved')
    await expect.poll(() => tiles(newTab).allTextContents()).toEqual(['Page article', 'Linked page'])

    // The same address once normalised (https, trailing slash, utm_*) is not saved twice; it says where it is.
    const again = await menu(
      { ...link, linkUrl: `${site.origin.replace('http:', 'https:')}/article/?utm_source=news` },
      tab
    )
    expect(again).toMatchObject({ status: 'duplicate', place: { label: 'Work / Docs' } })
    const { data, outbox } = await stored()
    expect(Object.values(data.bookmarks).map((b) => b.url)).toHaveLength(2)
    // Signed out, nothing pushes, so no outbox is kept (a sign-in's migration uploads the library).
    expect(outbox).toEqual([])
  })

  it('"Save link to…" lists the groups saved to lately, most recent first, and a child saves into its group', async () => {
    const newTab = await browser.newTab()
    await seedLibrary(newTab, makeLibrary({ spaces: 2, groupsPerSpace: 2, bookmarks: 0 }))
    await newTab.reload()
    await waitForTarget('group_seed0x0')
    const { tab } = await openSite('/article')
    const w = await worker()
    const menus = () => w.evaluate(() => (globalThis as unknown as G).bookmarksIndex.builtMenus())
    const children = async () =>
      ((await menus()) ?? []).filter((m) => m.parentId === 'save-link').map((m) => [m.id, m.title])
    const savePage = { id: 'save-page', title: 'Save page to Bookmarks Index', contexts: ['page'] }

    // Before any save there is nothing recent: one plain item, into the default group.
    await expect
      .poll(menus)
      .toEqual([savePage, { id: 'save-link', title: 'Save link to Bookmarks Index', contexts: ['link'] }])

    // Saves to two groups (as the popup makes them): the menu lists them, the later first, then the default.
    const saveTo = (path: string, groupId: string) =>
      w.evaluate((request) => (globalThis as unknown as G).bookmarksIndex.handleRequest(request), {
        type: 'save-page',
        page: { url: `${site.origin}${path}`, title: path },
        groupId
      })
    expect((await saveTo('/one', 'group_seed1x1')).result?.status).toBe('saved')
    expect((await saveTo('/two', 'group_seed0x1')).result?.status).toBe('saved')
    await expect.poll(children).toEqual([
      ['save-link:group_seed0x1', 'Space 1 › Group 2'],
      ['save-link:group_seed1x1', 'Space 2 › Group 2'],
      ['save-link:group_seed0x0', 'Space 1 › Group 1']
    ])
    expect((await menus())?.find((m) => m.id === 'save-link')).toEqual({
      id: 'save-link',
      title: 'Save link to…',
      contexts: ['link']
    })

    // A child's click saves the link into its group through the same write path, and moves the group first.
    const clicked = await w.evaluate(
      ([info, t]) => (globalThis as unknown as G).bookmarksIndex.onMenuClicked(info, t),
      [
        {
          menuItemId: 'save-link:group_seed1x1',
          pageUrl: tab.url,
          linkUrl: `${site.origin}/linked`,
          selectionText: 'Linked page'
        },
        tab
      ] as const
    )
    expect(clicked).toMatchObject({
      status: 'saved',
      bookmark: { title: 'Linked page', groupId: 'group_seed1x1' },
      place: { label: 'Space 2 / Group 2' }
    })
    await expect.poll(children).toEqual([
      ['save-link:group_seed1x1', 'Space 2 › Group 2'],
      ['save-link:group_seed0x1', 'Space 1 › Group 2'],
      ['save-link:group_seed0x0', 'Space 1 › Group 1']
    ])
    const { data } = await stored()
    const linked = Object.values(data.bookmarks).filter((b) => b.url === `${site.origin}/linked`)
    expect(linked.map((b) => b.groupId)).toEqual(['group_seed1x1'])

    // Opening another group on the new tab makes it the default: it joins the end of the list.
    await newTab.goto(browser.url('#/space/space_seed1/group_seed1x0'))
    await waitForTarget('group_seed1x0')
    await expect
      .poll(async () => (await children()).at(-1))
      .toEqual(['save-link:group_seed1x0', 'Space 2 › Group 1'])
  })

  it('the popup, opened against a real tab, saves it to a chosen group, says where it is, edits it and removes it', async () => {
    const newTab = await browser.newTab()
    await seedLibrary(newTab, makeLibrary({ spaces: 2, groupsPerSpace: 2, bookmarks: 0 }))
    await newTab.reload()
    await waitForTarget('group_seed0x0')
    const { tab } = await openSite('/recipe')

    const popup = await openPopup(tab.id)
    expect(await popup.getByLabel('Title').inputValue()).toBe('Page recipe')
    // Opened, its search has the focus (the toolbar shortcut opens it to type a group's name).
    await expect.poll(() => popup.evaluate(() => document.activeElement?.id)).toBe('group-filter')
    expect(await popup.locator('#url').textContent()).toBe(tab.url)
    const groups = popup.getByRole('listbox', { name: 'Groups' })
    expect(await groups.inputValue()).toBe('group_seed0x0')
    expect(await groups.locator('option').count()).toBe(4)
    await popup.locator('main').screenshot({ path: join(SHOTS, 'popup.png') })

    await popup.getByPlaceholder('Find a group…').fill('space 2 / group 2')
    await expect.poll(() => groups.locator('option').allTextContents()).toEqual(['Space 2 / Group 2'])
    await popup.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => popup.getByRole('status').textContent()).toBe('Saved to Space 2 / Group 2')
    expect(await popup.locator('#saved-where').textContent()).toBe('Space 2 / Group 2')
    await popup.locator('main').screenshot({ path: join(SHOTS, 'popup-saved.png') })
    await expect.poll(() => badge(tab.id)).toBe('✓')
    // The group chosen becomes the next capture's default.
    await waitForTarget('group_seed1x1')

    // Opened again, it finds the page saved from the local data, and offers to edit it: a new title, another group.
    const reopened = await openPopup(tab.id)
    expect(await reopened.locator('#saved-where').textContent()).toBe('Space 2 / Group 2')
    await reopened.getByRole('button', { name: 'Edit' }).click()
    expect(await reopened.getByRole('listbox', { name: 'Groups' }).inputValue()).toBe('group_seed1x1')
    await reopened.getByLabel('Title').fill('The recipe')
    await reopened.getByRole('listbox', { name: 'Groups' }).selectOption('group_seed0x1')
    await reopened.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => reopened.getByRole('status').textContent()).toBe('Saved in Space 1 / Group 2')
    expect(await reopened.locator('#saved-where').textContent()).toBe('Space 1 / Group 2')
    const edited = Object.values((await stored()).data.bookmarks)
    expect(edited.map(({ title, groupId }) => ({ title, groupId }))).toEqual([
      { title: 'The recipe', groupId: 'group_seed0x1' }
    ])

    // And to remove it.
    await reopened.getByRole('button', { name: 'Remove' }).click()
    await expect.poll(() => reopened.getByRole('status').textContent()).toBe('Removed from Space 1 / Group 2')
    await expect.poll(() => badge(tab.id)).toBe('')
    expect(await reopened.getByRole('button', { name: 'Save', exact: true }).isVisible()).toBe(true)
    const { data, outbox } = await stored()
    expect(Object.keys(data.bookmarks)).toEqual([])
    expect(outbox).toEqual([])
  })

  it('the toolbar badge shows whether the active tab is saved, on switching tabs, navigating and changes', async () => {
    await newTabWithGroup()
    const saved = await openSite('/saved')
    const other = await openSite('/other')
    await saveRequest(saved.tab.url ?? '', 'Saved page')
    await saved.page.bringToFront()
    await expect.poll(() => badge(saved.tab.id)).toBe('✓')
    await other.page.bringToFront()
    await expect.poll(() => badge(other.tab.id)).toBe('')

    await saved.page.bringToFront()
    await saved.page.goto(`${site.origin}/elsewhere`)
    await expect.poll(() => badge(saved.tab.id)).toBe('')
    await saved.page.goBack()
    await expect.poll(() => badge(saved.tab.id)).toBe('✓')

    // Removed anywhere (here through the worker, as the popup does), the mark goes.
    const { data } = await stored()
    const [id] = Object.keys(data.bookmarks)
    await (await worker()).evaluate(
      (bookmarkId) =>
        (globalThis as unknown as G).bookmarksIndex.handleRequest({ type: 'remove', bookmarkId }),
      id
    )
    await expect.poll(() => badge(saved.tab.id)).toBe('')
  })

  it('the omnibox keyword suggests bookmarks from the local index, and Enter opens the chosen one', async () => {
    await newTabWithGroup()
    await saveRequest(`${site.origin}/alpha`, 'Alpha manual')
    await saveRequest(`${site.origin}/beta`, 'Beta guide')
    await saveRequest(`${site.origin}/gamma`, 'Alpha & <Gamma>')
    const w = await worker()
    const suggestions = await w.evaluate(() =>
      (globalThis as unknown as G).bookmarksIndex.onInputChanged('alpha', () => undefined)
    )
    expect(suggestions.map((s) => s.content).sort()).toEqual([`${site.origin}/alpha`, `${site.origin}/gamma`])
    const gamma = suggestions.find((s) => s.content.endsWith('/gamma'))
    expect(gamma?.description).toBe(
      `<match>Alpha</match> &amp; &lt;Gamma&gt; <dim>Work / Docs</dim> <url>${site.origin}/gamma</url>`
    )

    const [opened] = await Promise.all([
      browser.context.waitForEvent('page'),
      w.evaluate(
        (url) => (globalThis as unknown as G).bookmarksIndex.onInputEntered(url, 'newForegroundTab'),
        `${site.origin}/beta`
      )
    ])
    await opened.waitForURL(`${site.origin}/beta`)
    expect(await opened.title()).toBe('Page beta')
    // Words rather than a suggestion open the best match.
    const best = await w.evaluate(() =>
      (globalThis as unknown as G).bookmarksIndex.onInputEntered('guide', 'newBackgroundTab')
    )
    expect(best).toBe(`${site.origin}/beta`)
  })

  it("saves all tabs of a window with 8 tabs as a new group, without pinned tabs or the extension's pages, from the popup and from the new tab's group menu", async () => {
    const newTab = await newTabWithGroup()
    const urls = [1, 2, 3, 4, 5, 6].map((n) => `${site.origin}/t${n}`)
    const w = await worker()
    const windowTabs = await w.evaluate(
      async ({ urls, pinned }) => {
        const { chrome } = globalThis as unknown as G
        const made = await chrome.windows.create({
          url: [pinned, ...urls, chrome.runtime.getURL('index.html')]
        })
        const first = made.tabs[0]
        if (first) await chrome.tabs.update(first.id, { pinned: true })
        return made.tabs
      },
      { urls, pinned: `${site.origin}/pinned` }
    )
    expect(windowTabs).toHaveLength(8)
    const windowId = windowTabs[0]?.windowId
    await expect
      .poll(async () => {
        const tabs = await w.evaluate(
          (id) => (globalThis as unknown as G).chrome.tabs.query({ windowId: id }),
          windowId
        )
        return tabs.filter((t) => t.title?.startsWith('Page')).length
      })
      .toBe(7)

    const popup = await openPopup(windowTabs[1]?.id ?? 0)
    await popup.getByRole('button', { name: 'Save all tabs in this window as a new group…' }).click()
    const list = popup.getByRole('list', { name: 'Tabs to save' }).locator('label')
    await expect.poll(() => list.allTextContents()).toEqual(urls.map((_, i) => `Page t${i + 1}`))
    await popup.getByLabel('New group’s name').fill('Research')
    await popup.locator('main').screenshot({ path: join(SHOTS, 'popup-all-tabs.png') })
    await popup.getByRole('button', { name: 'Save 6 tabs' }).click()
    await expect.poll(() => popup.getByRole('status').textContent()).toBe('Saved 6 tabs to Work / Research')

    await newTab.getByRole('tab', { name: 'Research' }).click()
    await expect.poll(() => tiles(newTab).allTextContents()).toEqual(urls.map((_, i) => `Page t${i + 1}`))

    // The same from the group menu of the new tab that is in that window, leaving one tab out.
    const inWindow = browser.context.pages().find((p) => p !== newTab && p.url().startsWith(browser.url()))
    if (!inWindow) throw new Error('the window’s own new tab page is not open')
    await inWindow.reload()
    await inWindow.getByRole('tab', { name: 'Docs' }).click()
    await inWindow.getByRole('button', { name: 'Group Docs actions' }).click()
    await inWindow.getByRole('menuitem', { name: 'Save this window’s tabs as a new group…' }).click()
    const saving = inWindow.getByRole('dialog', { name: 'Save this window’s tabs' })
    await expect
      .poll(() => saving.getByRole('group').locator('label').allTextContents())
      .toEqual(urls.map((_, i) => `Page t${i + 1}`))
    await saving.getByRole('checkbox', { name: 'Page t3' }).uncheck()
    await saving.getByLabel('New group’s name').fill('Reading list')
    await saving.getByRole('button', { name: 'Save 5 tabs' }).click()
    await expect
      .poll(() => tiles(inWindow).allTextContents())
      .toEqual(['Page t1', 'Page t2', 'Page t4', 'Page t5', 'Page t6'])
    expect(await inWindow.getByRole('tab', { name: 'Reading list' }).getAttribute('aria-selected')).toBe(
      'true'
    )
  })

  it('a save while the service worker is stopped and restarted loses nothing', async () => {
    const newTab = await newTabWithGroup()
    const { tab } = await openSite('/after')
    const popup = await openPopup(tab.id)
    const w = await worker()
    const cdp = await browser.context.newCDPSession(newTab)
    let status = ''
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
      const version = event.versions.find((v) => v.scriptURL.endsWith('/background.js'))
      if (version) status = version.runningStatus
    })
    await cdp.send('ServiceWorker.enable')
    const firstStart = await w.evaluate(() => performance.timeOrigin)

    // Stopped in the middle of a save: that page is stored whole or not at all (one IndexedDB transaction).
    await w.evaluate((url) => {
      void (globalThis as unknown as G).bookmarksIndex.handleRequest({ type: 'save-page', page: { url } })
    }, `${site.origin}/mid-save`)
    await cdp.send('ServiceWorker.stopAllWorkers')
    await expect.poll(() => status).toBe('stopped')

    // The popup's Save wakes the stopped worker, which saves and tells the open new tab.
    await popup.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => popup.getByRole('status').textContent()).toBe('Saved to Work / Docs')
    expect(await w.evaluate(() => performance.timeOrigin)).not.toBe(firstStart)
    await expect.poll(() => tiles(newTab).allTextContents()).toContain('Page after')

    const urls = Object.values((await stored()).data.bookmarks).map((b) => b.url)
    expect(urls.filter((url) => url === tab.url)).toHaveLength(1)
    expect(urls.filter((url) => url === `${site.origin}/mid-save`).length).toBeLessThanOrEqual(1)
  })

  it('opens a whole group as a Chrome tab group with its name and its space’s colour, and in this window, from the group’s menu', async () => {
    const newTab = await newTabWithGroup()
    for (const path of ['/one', '/two', '/three']) await addBookmark(newTab, `${site.origin}${path}`, path)
    await expect.poll(() => tiles(newTab).count()).toBe(3)
    // The space is red: the tab group takes Chrome's nearest colour.
    await newTab.locator('.space-link', { hasText: 'Work' }).hover()
    await newTab.getByRole('button', { name: 'Space Work actions' }).click()
    await newTab.getByRole('menuitem', { name: 'Edit', exact: true }).click()
    await newTab.getByRole('button', { name: 'Colour #d92d20' }).click()
    await newTab.getByRole('button', { name: 'Save' }).click()
    const tab = newTab.locator('.tab').filter({ hasText: 'Docs' })
    await tab.hover()
    await newTab.getByRole('button', { name: 'Group Docs actions' }).click()
    await newTab.getByRole('menuitem', { name: 'Open all as a tab group' }).click()
    const w = await worker()
    const opened = async () =>
      w.evaluate(async () => {
        const api = (globalThis as unknown as G).chrome
        const [group] = await api.tabGroups.query({})
        const tabs = group ? await api.tabs.query({ groupId: group.id }) : []
        return {
          title: group?.title,
          color: group?.color,
          urls: tabs.map((t) => new URL(t.pendingUrl ?? t.url ?? '').pathname)
        }
      })
    await expect.poll(opened).toEqual({ title: 'Docs', color: 'red', urls: ['/one', '/two', '/three'] })

    // In this window: the same tabs again, beside the others, in no tab group.
    await tab.hover()
    await newTab.getByRole('button', { name: 'Group Docs actions' }).click()
    await newTab.getByRole('menuitem', { name: 'Open all in this window' }).click()
    const ungrouped = async () =>
      w.evaluate(async () => {
        const tabs = await (globalThis as unknown as G).chrome.tabs.query({ groupId: -1 })
        return tabs.map((t) => new URL(t.pendingUrl ?? t.url ?? '').pathname).filter((p) => p.length > 1)
      })
    await expect.poll(ungrouped).toEqual(expect.arrayContaining(['/one', '/two', '/three']))
  })
})

describe('Chrome’s bookmarks, an optional permission', () => {
  let page: Page
  afterEach(async () => {
    await browser?.close()
  })

  /** The new tab with a space, and Chrome's permission prompt stood in for by `answer` (null: Chrome's own). */
  async function importDialog(answer: boolean | null) {
    page = await browser.newTab()
    await createSpaceGroup(page, 'Main', 'Start')
    // Chrome's prompt cannot be answered from a test; a stand-in answers it, or records and passes the request on.
    await page.evaluate((allow) => {
      const api = (
        globalThis as unknown as { chrome: { permissions: { request: (p: object) => Promise<boolean> } } }
      ).chrome.permissions
      const chromes = api.request.bind(api)
      const asked: object[] = []
      Object.assign(globalThis, { askedFor: asked })
      api.request = (p: object) => {
        asked.push(p)
        return allow === null ? chromes(p) : Promise.resolve(allow)
      }
    }, answer)
    await page.getByRole('button', { name: 'User menu' }).click()
    await page.getByRole('menuitem', { name: 'Import & export…' }).click()
  }
  const askedFor = () => page.evaluate(() => (globalThis as unknown as { askedFor: object[] }).askedFor)

  it('offers the import before the permission is granted, asks for it on the click, and says why nothing came when refused', async () => {
    browser = await launchExtension()
    await importDialog(false)
    expect(
      await page.evaluate(() => typeof (globalThis as { chrome?: { bookmarks?: unknown } }).chrome?.bookmarks)
    ).toBe('undefined')
    await page.getByRole('button', { name: 'Import Chrome bookmarks' }).click()
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe(
        'Nothing was imported: reading Chrome’s bookmarks needs your permission, which was not given. Press “Import Chrome bookmarks” again to allow it.'
      )
    expect(await askedFor()).toEqual([{ permissions: ['bookmarks'] }])
    expect(await page.getByRole('region', { name: 'Import preview' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Import Chrome bookmarks' }).isEnabled()).toBe(true)
  })

  it('once allowed, the same click reads Chrome’s bookmarks into the preview', async () => {
    browser = await launchExtension({ grant: ['bookmarks'] })
    await importDialog(null)
    await page.evaluate(async () => {
      const api = (
        globalThis as unknown as { chrome: { bookmarks: { create: (b: object) => Promise<{ id: string }> } } }
      ).chrome.bookmarks
      await api.create({ parentId: '1', title: 'Granted', url: 'https://granted.example.com/' })
    })
    await page.getByRole('button', { name: 'Import Chrome bookmarks' }).click()
    await expect
      .poll(() => page.getByRole('region', { name: 'Import preview' }).textContent())
      .toMatch(/1 bookmark to add/)
    expect(await askedFor()).toEqual([{ permissions: ['bookmarks'] }])
    expect(await page.getByRole('alert').count()).toBe(0)
  })
})
