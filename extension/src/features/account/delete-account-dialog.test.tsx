// The "Delete account data" dialog: nothing happens before "delete" is typed; it says what goes and what this
// browser keeps; a failure is shown with its reason and the dialog stays. The real deletion: e2e/sync/delete-account.
import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library'
import { describe, expect, it, vi } from 'vitest'
import { bookmark, group, space } from '../../../test/fixtures'
import { ApiError } from '../../api/client'
import { whyNotDeleted } from '../../session/delete-account'
import { LOCAL_ACCOUNT, saveChange } from '../../store/cache'
import { createDataStore, StoreContext } from '../../store/data-store'
import { DeleteAccountDialog } from './delete-account-dialog'

/** A store holding one space, one group and two bookmarks, as this browser's copy of the account. */
async function storeWithLibrary() {
  const work = space('space_work')
  const docs = group('group_docs', work.id)
  await saveChange(
    LOCAL_ACCOUNT,
    (draft) => {
      draft.spaces[work.id] = work
      draft.groups[docs.id] = docs
      draft.bookmarks.bookmark_a = bookmark('bookmark_a', docs)
      draft.bookmarks.bookmark_b = bookmark('bookmark_b', docs, 1)
    },
    []
  )
  const store = createDataStore()
  await store.load()
  return store
}

async function open(run: (keepCopy: boolean) => Promise<void>) {
  const store = await storeWithLibrary()
  const onClose = vi.fn()
  render(() => (
    <StoreContext.Provider value={store}>
      <DeleteAccountDialog account="ada@example.com" run={run} onClose={onClose} />
    </StoreContext.Provider>
  ))
  return { onClose }
}

const deleteButton = () => screen.getByRole('button', { name: 'Delete account data' }) as HTMLButtonElement
const confirm = (word: string) =>
  fireEvent.input(screen.getByLabelText('Type “delete” to confirm'), { target: { value: word } })

describe('the delete-account dialog', () => {
  it('says what is deleted and what this browser keeps, and deletes only once “delete” is typed', async () => {
    const run = vi.fn(async () => undefined)
    const { onClose } = await open(run)
    const dialog = screen.getByRole('dialog', { name: 'Delete your account data?' })
    expect(dialog.textContent).toContain(
      'Everything in your account ada@example.com is deleted from the server'
    )
    expect(dialog.textContent).toContain('This browser’s copy (1 space, 1 group, 2 bookmarks)')
    expect((screen.getByLabelText(/Keep it in this browser, signed out/) as HTMLInputElement).checked).toBe(
      true
    )

    expect(deleteButton().disabled).toBe(true)
    confirm('delet')
    fireEvent.click(deleteButton())
    expect(run).not.toHaveBeenCalled()
    confirm(' Delete ')
    fireEvent.click(deleteButton())
    await waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(run).toHaveBeenCalledWith(true)
  })

  it('removes this browser’s copy too when the person chooses so', async () => {
    const run = vi.fn(async () => undefined)
    await open(run)
    fireEvent.click(screen.getByLabelText(/Remove it from this browser too/))
    confirm('delete')
    fireEvent.click(deleteButton())
    await waitFor(() => expect(run).toHaveBeenCalledWith(false))
  })

  it('shows why it failed, stays open and can be tried again', async () => {
    const offline = new ApiError(0, 'network_error', 'The API could not be reached: Failed to fetch')
    const run = vi
      .fn<(keepCopy: boolean) => Promise<void>>()
      .mockRejectedValueOnce(new Error(whyNotDeleted(offline)))
      .mockResolvedValueOnce(undefined)
    const { onClose } = await open(run)
    confirm('delete')
    fireEvent.click(deleteButton())
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toBe(
      'That did not work: the server could not be reached (The API could not be reached: Failed to fetch). ' +
        'Trying again is safe. Nothing changed in this browser, and you are still signed in.'
    )
    expect(onClose).not.toHaveBeenCalled()
    expect(deleteButton().disabled).toBe(false)

    fireEvent.click(deleteButton())
    await waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(run).toHaveBeenCalledTimes(2)
  })

  it('words the server’s answers', () => {
    expect(whyNotDeleted(new ApiError(503, 'unexpected_response', 'HTTP 503'))).toBe(
      'the server is unavailable right now (HTTP 503). Try again later.'
    )
    expect(whyNotDeleted(new ApiError(500, 'internal_error', 'Internal server error'))).toBe(
      'the server answered HTTP 500: Internal server error.'
    )
    expect(whyNotDeleted(new ApiError(401, 'unauthorized', 'Missing or invalid token'))).toBe(
      'your session has ended. Sign out, sign in again, then try again.'
    )
  })
})
