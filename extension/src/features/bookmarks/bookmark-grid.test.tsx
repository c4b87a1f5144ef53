import { fireEvent, render, screen, within } from '@solidjs/testing-library'
import { describe, expect, it } from 'vitest'
import { bookmark, group, space } from '../../../test/fixtures'
import { App } from '../../app'
import { createSession } from '../../session/session-context'
import { LOCAL_ACCOUNT, saveChange } from '../../store/cache'
import { createDataStore } from '../../store/data-store'

/** One space, one group of `size` bookmarks titled "Site 1"…, rendered as the new tab. */
async function renderGroup(size: number) {
  const s = space('space_1')
  const g = group('group_1', s.id)
  await saveChange(
    LOCAL_ACCOUNT,
    (draft) => {
      draft.spaces[s.id] = s
      draft.groups[g.id] = g
      for (let i = 0; i < size; i++)
        draft.bookmarks[`bookmark_${i}`] = bookmark(`bookmark_${i}`, g, i, { title: `Site ${i + 1}` })
    },
    []
  )
  const store = createDataStore()
  await store.load()
  render(() => <App store={store} session={createSession(store)} router="memory" />)
  const list = await screen.findByRole('list', { name: 'Bookmarks' })
  return { store, list, tiles: () => list.querySelectorAll('[data-bookmark-id]') }
}

describe('a long group', () => {
  it('renders only a window of its tiles, and the End key renders and focuses the last one', async () => {
    const { list, tiles } = await renderGroup(2000)
    expect(tiles().length).toBeGreaterThan(0)
    expect(tiles().length).toBeLessThan(200)
    expect(within(list).queryByText('New bookmark')).toBeNull()

    const first = within(list).getByRole('link', { name: /Site 1$/ })
    first.focus()
    fireEvent.keyDown(first, { key: 'End' })
    expect(document.activeElement?.textContent).toContain('Site 2000')
    expect(tiles().length).toBeLessThan(200)
    expect(within(list).getByText('New bookmark')).toBeTruthy()

    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Home' })
    expect(document.activeElement?.textContent).toContain('Site 1')
  })

  it('a short group renders every tile, as before', async () => {
    const { tiles } = await renderGroup(150)
    expect(tiles()).toHaveLength(150)
  })
})
