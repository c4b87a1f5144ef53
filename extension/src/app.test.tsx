import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library'
import { describe, expect, it } from 'vitest'
import { App, preloadDialogs } from './app'
import { createSession } from './session/session-context'
import { loadOutbox } from './store/cache'
import { createDataStore } from './store/data-store'

/** `account`: whose data the store holds; a test that reads the outbox needs one (signed out, none is kept). */
async function renderApp(account?: string) {
  await preloadDialogs()
  const store = createDataStore()
  await store.load(account)
  render(() => <App store={store} session={createSession(store)} router="memory" />)
  return store
}

const type = (label: string | RegExp, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } })

async function makeSpaceAndGroup() {
  fireEvent.click(await screen.findByRole('button', { name: 'Create a space' }))
  type('Name', 'Work')
  fireEvent.click(screen.getByRole('button', { name: 'Create space' }))
  fireEvent.click(await screen.findByRole('button', { name: 'Create a group' }))
  type('Name', 'Docs')
  fireEvent.click(screen.getByRole('button', { name: 'Create group' }))
  await screen.findByRole('tab', { name: 'Docs' })
}

async function addBookmark(url: string, title = '') {
  fireEvent.click(screen.getByRole('button', { name: 'New bookmark' }))
  type('Address', url)
  if (title) type('Title', title)
  fireEvent.click(screen.getByRole('button', { name: 'Add bookmark' }))
}

const tileTitles = () =>
  within(screen.getByRole('list', { name: 'Bookmarks' }))
    .queryAllByRole('link')
    .map((a) => a.textContent)

describe('the new tab', () => {
  it('teaches the first space, validates names, and shows the new space in the sidebar', async () => {
    await renderApp()
    expect(await screen.findByText('Make your first space')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Create a space' }))
    fireEvent.click(screen.getByRole('button', { name: 'Create space' }))
    expect(screen.getByText('Give the space a name')).toBeTruthy()
    type('Name', 'Work')
    fireEvent.click(screen.getByRole('button', { name: 'Create space' }))
    const sidebar = screen.getByRole('navigation', { name: 'Spaces' })
    expect(within(sidebar).getByRole('link', { name: /Work/ })).toBeTruthy()
    expect(await screen.findByText('Add a group to “Work”')).toBeTruthy()
  })

  it('adds bookmarks with a checked address, as links that open the site', async () => {
    await renderApp()
    await makeSpaceAndGroup()
    fireEvent.click(screen.getByRole('button', { name: 'New bookmark' }))
    type('Address', 'intranet')
    fireEvent.click(screen.getByRole('button', { name: 'Add bookmark' }))
    expect(screen.getByText(/needs a domain/)).toBeTruthy()
    type('Address', 'developer.mozilla.org')
    fireEvent.click(screen.getByRole('button', { name: 'Add bookmark' }))
    const link = await screen.findByRole('link', { name: /developer\.mozilla\.org/ })
    expect(link.getAttribute('href')).toBe('https://developer.mozilla.org/')
  })

  it('saves only what the API takes: a mailto: link without a title is titled by its address', async () => {
    const store = await renderApp()
    await makeSpaceAndGroup()
    await addBookmark('mailto:ada@example.com')
    await screen.findByRole('link', { name: /ada@example\.com/ })
    const [saved] = Object.values(store.snapshot().bookmarks)
    expect(saved).toMatchObject({ url: 'mailto:ada@example.com', title: 'ada@example.com', tags: [] })
  })

  it('keeps tags from the dialog, cleaned, and shows them on the tile', async () => {
    const store = await renderApp('user_1')
    await makeSpaceAndGroup()
    fireEvent.click(screen.getByRole('button', { name: 'New bookmark' }))
    type('Address', 'tokio.rs')
    type('Tags (separated by commas)', '#rust, async  io, rust')
    fireEvent.click(screen.getByRole('button', { name: 'Add bookmark' }))
    expect(await screen.findByRole('link', { name: '#rust' })).toBeTruthy()
    expect(Object.values(store.snapshot().bookmarks)[0]?.tags).toEqual(['rust', 'async io'])
    const outbox = await loadOutbox(store.account())
    expect(outbox.at(-1)).toMatchObject({
      op: 'create',
      entity: 'bookmark',
      data: { tags: ['rust', 'async io'] }
    })
  })

  it('puts pinned bookmarks first', async () => {
    await renderApp()
    await makeSpaceAndGroup()
    await addBookmark('a.example', 'Alpha')
    await addBookmark('b.example', 'Beta')
    expect(tileTitles()).toEqual(['AAlpha', 'BBeta'])
    fireEvent.click(screen.getByRole('button', { name: 'Bookmark Beta actions' }))
    fireEvent.click(screen.getByRole('menuitem', { name: 'Pin to the front' }))
    expect(tileTitles()).toEqual(['BBeta', 'AAlpha'])
  })

  it('moves a bookmark with the keyboard (Alt+→) and records a move of that bookmark only', async () => {
    const store = await renderApp('user_1')
    await makeSpaceAndGroup()
    await addBookmark('a.example', 'Alpha')
    await addBookmark('b.example', 'Beta')
    fireEvent.keyDown(screen.getByRole('link', { name: /Alpha/ }), { key: 'ArrowRight', altKey: true })
    expect(tileTitles()).toEqual(['BBeta', 'AAlpha'])
    await store.saved()
    const outbox = await loadOutbox(store.account())
    expect(outbox.at(-1)).toMatchObject({ op: 'move', entity: 'bookmark' })
  })

  it('asks before deleting and offers Undo', async () => {
    await renderApp()
    await makeSpaceAndGroup()
    await addBookmark('a.example', 'Alpha')
    fireEvent.click(screen.getByRole('button', { name: 'Bookmark Alpha actions' }))
    fireEvent.click(screen.getByRole('menuitem', { name: 'Delete' }))
    expect(screen.getByRole('dialog', { name: 'Delete bookmark?' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }))
    expect(tileTitles()).toEqual([])
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }))
    expect(tileTitles()).toEqual(['AAlpha'])
  })

  it('archives a bookmark and restores it from the archive', async () => {
    await renderApp()
    await makeSpaceAndGroup()
    await addBookmark('a.example', 'Alpha')
    fireEvent.click(screen.getByRole('button', { name: 'Bookmark Alpha actions' }))
    fireEvent.click(screen.getByRole('menuitem', { name: 'Archive' }))
    expect(tileTitles()).toEqual([])
    fireEvent.click(screen.getByRole('button', { name: /Archive \(1\)/ }))
    fireEvent.click(await screen.findByRole('button', { name: 'Restore' }))
    expect(tileTitles()).toEqual(['AAlpha'])
  })

  it('opens search with / and finds bookmarks across spaces as you type', async () => {
    await renderApp()
    await makeSpaceAndGroup()
    await addBookmark('solidjs.com', 'Solid')
    await addBookmark('vite.dev', 'Vite')
    fireEvent.keyDown(document.body, { key: '/' })
    const input = screen.getByRole('combobox', { name: 'Search bookmarks' })
    fireEvent.input(input, { target: { value: 'vi' } })
    const options = screen.getAllByRole('option')
    expect(options.map((o) => o.textContent)).toEqual([expect.stringContaining('Vite')])
    expect(options[0]?.getAttribute('aria-selected')).toBe('true')
  })
})

describe('moving without a mouse', () => {
  it('moves a bookmark to another space’s group from its menu', async () => {
    const store = await renderApp()
    await makeSpaceAndGroup()
    await addBookmark('a.example', 'Alpha')
    const work = Object.values(store.state.spaces)[0]
    fireEvent.click(screen.getByRole('button', { name: 'New space' }))
    type('Name', 'Home')
    fireEvent.click(screen.getByRole('button', { name: 'Create space' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Create a group' }))
    type('Name', 'News')
    fireEvent.click(screen.getByRole('button', { name: 'Create group' }))
    await screen.findByRole('tab', { name: 'News' })
    const news = Object.values(store.state.groups).find((g) => g.name === 'News')

    fireEvent.click(screen.getByRole('link', { name: /Work/ }))
    fireEvent.click(await screen.findByRole('button', { name: 'Bookmark Alpha actions' }))
    fireEvent.click(screen.getByRole('menuitem', { name: 'Move to group…' }))
    fireEvent.change(screen.getByLabelText('Group'), { target: { value: news?.id } })
    fireEvent.click(screen.getByRole('button', { name: 'Move' }))
    expect(tileTitles()).toEqual([])
    const alpha = Object.values(store.state.bookmarks)[0]
    expect(alpha).toMatchObject({ groupId: news?.id, spaceId: news?.spaceId })
    expect(alpha?.spaceId).not.toBe(work?.id)
  })

  it('reorders spaces with Alt+↓ on a focused space', async () => {
    const store = await renderApp()
    await makeSpaceAndGroup()
    fireEvent.click(screen.getByRole('button', { name: 'New space' }))
    type('Name', 'Home')
    fireEvent.click(screen.getByRole('button', { name: 'Create space' }))
    const sidebar = screen.getByRole('navigation', { name: 'Spaces' })
    fireEvent.keyDown(within(sidebar).getByRole('link', { name: /Work/ }), { key: 'ArrowDown', altKey: true })
    expect(
      within(sidebar)
        .getAllByRole('link')
        .map((a) => a.textContent)
    ).toEqual(['📁Home', '📁Work'])
    // One move: Work's key now sorts after Home's, and Home kept its own.
    const key = (name: string) =>
      Object.values(store.state.spaces).find((s) => s.name === name)?.position ?? ''
    expect(key('Work') > key('Home')).toBe(true)
  })
})

describe('menus', () => {
  it('focus their first item on open, move with the arrows and close with Escape', async () => {
    await renderApp()
    await makeSpaceAndGroup()
    const button = screen.getByRole('button', { name: 'User menu' })
    fireEvent.click(button)
    const items = await screen.findAllByRole('menuitem')
    await waitFor(() => expect(document.activeElement).toBe(items[0]))
    fireEvent.keyDown(items[0] as HTMLElement, { key: 'ArrowUp' })
    expect(document.activeElement).toBe(items.at(-1))
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Escape' })
    expect(screen.queryByRole('menu')).toBeNull()
    expect(document.activeElement).toBe(button)
  })
})

describe('links from elsewhere', () => {
  it('become bookmarks when dropped on the grid', async () => {
    await renderApp()
    await makeSpaceAndGroup()
    const data: Record<string, string> = {
      'text/uri-list': '# a comment line\r\nhttps://solidjs.com/docs',
      'text/html': '<a href="https://solidjs.com/docs">Solid docs</a>'
    }
    const dataTransfer = { types: Object.keys(data), getData: (type: string) => data[type] ?? '' }
    const grid = screen.getByRole('list', { name: 'Bookmarks' })
    fireEvent.dragOver(grid, { dataTransfer })
    fireEvent.drop(grid, { dataTransfer })
    const link = await screen.findByRole('link', { name: /Solid docs/ })
    expect(link.getAttribute('href')).toBe('https://solidjs.com/docs')
  })
})

describe('editing', () => {
  it('renames, re-icons and re-colours a space, and edits a bookmark in place', async () => {
    const store = await renderApp('user_1')
    await makeSpaceAndGroup()
    await addBookmark('a.example', 'Alpha')
    fireEvent.click(screen.getByRole('button', { name: 'Space Work actions' }))
    fireEvent.click(screen.getByRole('menuitem', { name: 'Edit' }))
    type('Name', 'Job')
    fireEvent.click(screen.getByRole('button', { name: 'Icon 💼' }))
    fireEvent.click(screen.getByRole('button', { name: 'Colour #0e9384' }))
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    const sidebar = screen.getByRole('navigation', { name: 'Spaces' })
    expect(within(sidebar).getByRole('link', { name: /Job/ }).textContent).toBe('💼Job')
    expect(Object.values(store.state.spaces)[0]).toMatchObject({ name: 'Job', icon: '💼', color: '#0e9384' })

    fireEvent.click(screen.getByRole('button', { name: 'Bookmark Alpha actions' }))
    fireEvent.click(screen.getByRole('menuitem', { name: 'Edit' }))
    type('Title', 'Alpha docs')
    type('Address', 'alpha.example/docs')
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    const link = screen.getByRole('link', { name: /Alpha docs/ })
    expect(link.getAttribute('href')).toBe('https://alpha.example/docs')
    await store.saved()
    const updates = (await loadOutbox(store.account())).filter((m) => m.op === 'update')
    expect(updates.map((m) => Object.keys(m.data).sort())).toEqual([
      ['color', 'icon', 'id', 'name'],
      ['id', 'title', 'url']
    ])
  })
})
