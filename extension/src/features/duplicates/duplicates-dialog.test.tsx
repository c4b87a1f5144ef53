import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library'
import { describe, expect, it } from 'vitest'
import { App, preloadDialogs } from '../../app'
import { createSession } from '../../session/session-context'
import { createGroup, createSpace, newBookmark } from '../../store/actions'
import { createDataStore } from '../../store/data-store'

/** The app on a library with `urls` saved in one group, each with the title `Copy <n>` and a day apart. */
async function renderWith(urls: string[]) {
  await preloadDialogs()
  const store = createDataStore()
  await store.load()
  const space = createSpace(store, { name: 'Work', icon: '💼', color: null })
  const group = createGroup(store, space.id, { name: 'Docs', icon: null })
  await store.mutate(
    urls.map((url, i) => {
      const at = `2026-02-${String(i + 1).padStart(2, '0')}T00:00:00.000Z`
      const data = { ...newBookmark(store.state, group, { title: `Copy ${i + 1}`, url }), createdAt: at }
      return { op: 'create' as const, entity: 'bookmark' as const, data }
    })
  )
  render(() => <App store={store} session={createSession(store)} router="memory" />)
  return store
}

async function openFromUserMenu() {
  fireEvent.click(await screen.findByRole('button', { name: 'User menu' }))
  fireEvent.click(screen.getByRole('menuitem', { name: 'Find duplicates…' }))
  return screen.findByRole('dialog', { name: 'Find duplicates' })
}

const sets = () =>
  within(screen.getByRole('list', { name: 'Links saved more than once' }))
    .getAllByRole('group')
    .map((set) => within(set).getAllByRole('radio').length)

/** The Undo button of the toast that says `message` (toasts of the file's earlier tests may still be up). */
const undoOf = (message: string) =>
  within(screen.getByText(message).closest('.toast') as HTMLElement).getByRole('button', { name: 'Undo' })

describe('the Find duplicates dialog', () => {
  it('opens from the user menu, counts the links, says where each copy lives, and merges one set with Undo', async () => {
    const store = await renderWith([
      'https://a.example/',
      'http://a.example',
      'https://b.example/',
      'https://b.example/?utm_source=x',
      'https://www.b.example',
      'https://c.example/'
    ])
    const dialog = await openFromUserMenu()
    expect(await within(dialog).findByRole('heading', { name: '2 URLs saved more than once' })).toBeTruthy()
    expect(sets()).toEqual([3, 2])
    const b = within(dialog).getByRole('group', { name: /b\.example.*3 copies/ })
    const copies = within(b).getAllByRole('radio')
    // The oldest copy is kept unless the person picks another.
    expect(copies.map((radio) => (radio as HTMLInputElement).checked)).toEqual([true, false, false])
    expect(b.textContent).toContain('Copy 3')
    expect(b.textContent).toContain('💼 Work › Docs · saved')
    fireEvent.click(within(b).getByRole('radio', { name: /Copy 5/ }))
    fireEvent.click(within(b).getByRole('button', { name: 'Merge' }))

    expect(within(dialog).getByRole('heading', { name: '1 URL saved more than once' })).toBeTruthy()
    const titles = () =>
      Object.values(store.snapshot().bookmarks)
        .map((bookmark) => bookmark.title)
        .sort()
    expect(titles()).toEqual(['Copy 1', 'Copy 2', 'Copy 5', 'Copy 6'])
    // A keyboard user goes on with the set now in the merged one's place.
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getAllByRole('radio')[0]))

    fireEvent.click(undoOf('Merged 3 copies of “Copy 5”'))
    expect(titles()).toEqual(['Copy 1', 'Copy 2', 'Copy 3', 'Copy 4', 'Copy 5', 'Copy 6'])
    expect(within(dialog).getByRole('heading', { name: '2 URLs saved more than once' })).toBeTruthy()
  })

  it('merges all sets at once, shows the empty state, and Undo brings every set back', async () => {
    const store = await renderWith([
      'https://a.example/',
      'https://a.example',
      'https://b.example/',
      'https://B.example/'
    ])
    const dialog = await openFromUserMenu()
    await within(dialog).findByRole('heading', { name: '2 URLs saved more than once' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Merge all' }))
    expect(within(dialog).getByRole('status').textContent).toBe('No bookmark is saved twice.')
    expect(
      Object.values(store.snapshot().bookmarks)
        .map((b) => b.title)
        .sort()
    ).toEqual(['Copy 1', 'Copy 3'])
    fireEvent.click(undoOf('Merged 2 links: 2 copies deleted'))
    expect(await within(dialog).findByRole('heading', { name: '2 URLs saved more than once' })).toBeTruthy()
    expect(Object.keys(store.snapshot().bookmarks)).toHaveLength(4)
  })

  it('says so when no link is saved twice, and closes with Escape', async () => {
    await renderWith(['https://a.example/', 'https://b.example/'])
    const dialog = await openFromUserMenu()
    expect(await within(dialog).findByText('No bookmark is saved twice.')).toBeTruthy()
    expect(within(dialog).queryByRole('button', { name: 'Merge all' })).toBeNull()
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('draws a long list a page at a time', async () => {
    const urls = Array.from({ length: 120 }, (_, i) => `https://site${i}.example/`)
    await renderWith([...urls, ...urls])
    const dialog = await openFromUserMenu()
    await within(dialog).findByRole('heading', { name: '120 URLs saved more than once' })
    expect(sets()).toHaveLength(50)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Show 50 more (70 sets not shown)' }))
    expect(sets()).toHaveLength(100)
  })
})
