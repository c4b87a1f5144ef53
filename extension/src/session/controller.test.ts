// The session controller without a network: which account the page shows when a remembered session is gone,
// and that only an explicit sign-out removes an account's data.
import { describe, expect, it, vi } from 'vitest'
import { LOCAL_ACCOUNT, loadData, loadOutbox, saveChange } from '../store/cache'
import { createDataStore } from '../store/data-store'
import { ACCOUNT_KEY, rememberedAccount } from './remembered-account'
import { createSession } from './session-context'

// A token whose payload is {"sub":"user_dev"} (the signature is the Worker's business).
const TOKEN = 'h.eyJzdWIiOiJ1c2VyX2RldiJ9.s'
vi.mock('../config', () => ({
  config: { apiUrl: 'http://127.0.0.1:9', clerkPublishableKey: '', devToken: 'h.eyJzdWIiOiJ1c2VyX2RldiJ9.s' },
  signInAvailable: true
}))

const space = {
  id: 'space_old',
  name: 'Old',
  icon: '📁',
  color: null,
  position: 'a0',
  isArchived: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z'
}

describe('the session controller', () => {
  it('reads the dev token’s user', async () => {
    const { subjectOf } = await import('./dev-session')
    expect(subjectOf(TOKEN)).toBe('user_dev')
    expect(() => subjectOf('nonsense')).toThrow('not a JWT')
  })

  it('a remembered account whose session is gone opens signed out, keeping that account’s unsent changes', async () => {
    localStorage.setItem(ACCOUNT_KEY, 'user_old')
    expect(rememberedAccount()).toBe('user_old')
    await saveChange(
      'user_old',
      (d) => {
        d.spaces[space.id] = space
      },
      [{ mutationId: 'mutation_1', op: 'create', entity: 'space', data: space }]
    )
    const store = createDataStore()
    await store.load('user_old')
    const session = createSession(store)
    await session.restore()
    expect(store.account()).toBe(LOCAL_ACCOUNT)
    expect(session.signedInAs()).toBeNull()
    expect(rememberedAccount()).toBeUndefined()
    expect((await loadData('user_old'))?.spaces).toHaveProperty('space_old')
    expect(await loadOutbox('user_old')).toHaveLength(1)
  })
})
