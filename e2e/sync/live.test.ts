// The live channel end to end: two Chromium profiles of one account against a `wrangler dev` of this file's own
// (on the project's database), both new tabs open. A change in one shows in the other within seconds, with no
// reload and no focus change (the engine's poll is a minute), and so does the open popup; and when that Worker goes
// away and comes back, the dropped sockets reconnect and pull what changed in between, which no poke announced.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchExtension } from '../lib/extension.ts'
import {
  addBookmark,
  EXTENSION_ORIGIN,
  poll,
  signedInTab,
  spaceNames,
  syncStatus,
  tiles,
  useExtensionServer
} from './extension-harness.ts'
import { type SyncServer, startSyncServer } from './server.ts'

const harness = useExtensionServer('live')
/** The Worker these profiles talk to: stopped and started again by the test, so it cannot be the shared one. */
let own: SyncServer | undefined

beforeAll(async () => {
  own = await startSyncServer({ allowedOrigins: [EXTENSION_ORIGIN], databaseUrl: inject('syncDatabaseUrl') })
}, 120_000)
afterAll(async () => {
  await own?.stop()
})

/** Well under the engine's one-minute poll: only the live channel can make it. */
const live = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 })

describe('the live channel', () => {
  it('shows a change made in one open new tab in another profile’s open new tab, and after the server dropped the socket, what changed meanwhile', async () => {
    if (!own) throw new Error('no Worker of its own')
    const server = own
    const user = `user_live_${randomUUID().slice(0, 8)}`
    // Written through the shared Worker (the same database, another Worker: its writes poke nobody of `own`'s).
    const space = await harness.call<{ id: string }>(user, 'POST', '/v1/spaces', { name: 'Work' })
    const group = await harness.call<{ id: string }>(user, 'POST', '/v1/groups', {
      spaceId: space.id,
      name: 'Docs'
    })
    const dist = harness.buildFor(user, await server.tokenFor(user, EXTENSION_ORIGIN), server.url)
    const laptop = harness.track(await launchExtension({ dist }))
    const phone = harness.track(await launchExtension({ dist }))
    const a = await signedInTab(laptop)
    const b = await signedInTab(phone)
    await poll(() => spaceNames(b)).toEqual(['Work'])

    // A change on the laptop: the phone's open tab shows it, untouched.
    await addBookmark(a, 'https://example.com/one', 'One')
    await live(() => tiles(b).allTextContents()).toEqual(['One'])

    // The popup, while open, follows too: a group made elsewhere (here through the API) joins its picker.
    const popup = await laptop.context.newPage()
    await popup.goto(`chrome-extension://${laptop.extensionId}/popup.html`)
    await popup.locator('main:not([aria-busy])').waitFor()
    const choices = () => popup.locator('#group option').allTextContents()
    expect(await choices()).toEqual(['Work / Docs'])
    const made = await fetch(`${server.url}/v1/groups`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await server.tokenFor(user, EXTENSION_ORIGIN)}`,
        'content-type': 'application/json'
      },
      body: JSON.stringify({ spaceId: space.id, name: 'Fresh' })
    })
    expect(made.status).toBe(201)
    await live(choices).toEqual(['Work / Docs', 'Work / Fresh'])
    await popup.close()

    // The Worker goes away (every socket drops with it); a change reaches the account meanwhile through
    // another Worker, and no poke of this one announced it. Once this one is back, the tabs reconnect and pull.
    await server.stopWorker()
    await harness.call(user, 'POST', '/v1/bookmarks', {
      groupId: group.id,
      title: 'Two',
      url: 'https://example.com/two'
    })
    await server.startWorker()
    // The tabs retry with a backoff (at most 30 s between tries): a few of its steps went by while it was away.
    await expect.poll(() => tiles(b).allTextContents(), { timeout: 30_000 }).toEqual(['One', 'Two'])
    await expect.poll(() => tiles(a).allTextContents(), { timeout: 30_000 }).toEqual(['One', 'Two'])

    // And the sockets are live again: the next change shows at once, both ways.
    await addBookmark(b, 'https://example.com/three', 'Three')
    await live(() => tiles(a).allTextContents()).toEqual(['One', 'Two', 'Three'])
    await poll(() => syncStatus(b).textContent()).toBe('Synced')
  }, 180_000)
})
