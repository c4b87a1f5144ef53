// Where captures go as the new tab changes account: a target already naming the account keeps its group, one
// naming another account gives way, in whichever order the page's two writers ask. The browser: e2e/sync/capture-sync.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { followCaptureAccount, loadCaptureTarget, rememberCaptureTarget } from './capture-target'

/** chrome.storage.local as the extension sees it: every call answers on a later turn, as the real one does. */
function fakeStorage() {
  const stored: Record<string, unknown> = {}
  const later = () => new Promise((resolve) => setTimeout(resolve, 1))
  const local = {
    get: async (key: string) => {
      await later()
      return { [key]: structuredClone(stored[key]) }
    },
    set: async (items: Record<string, unknown>) => {
      await later()
      Object.assign(stored, structuredClone(items))
    }
  }
  vi.stubGlobal('chrome', { storage: { local } })
}

beforeEach(fakeStorage)
afterEach(() => vi.unstubAllGlobals())

const docs = { account: 'user_a', spaceId: 'space_work', groupId: 'group_docs' }

describe('the capture target as the new tab changes account', () => {
  it('keeps a group shown for the account, whether the account or the group is written first', async () => {
    followCaptureAccount('user_a')
    rememberCaptureTarget(docs)
    expect(await loadCaptureTarget()).toEqual(docs)

    const news = { account: 'user_a', spaceId: 'space_home', groupId: 'group_news' }
    rememberCaptureTarget(news)
    followCaptureAccount('user_a')
    expect(await loadCaptureTarget()).toEqual(news)
  })

  it('follows another account though no group is shown, and takes the same group again on its return', async () => {
    rememberCaptureTarget(docs)
    followCaptureAccount('local')
    expect(await loadCaptureTarget()).toEqual({ account: 'local' })

    // Signed in again, on the group shown before: written again, not skipped as a repeat.
    rememberCaptureTarget(docs)
    expect(await loadCaptureTarget()).toEqual(docs)
  })
})
