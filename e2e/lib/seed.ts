// Test data for the extension: a library of spaces, groups and bookmarks, written straight into the
// extension's IndexedDB the way the app's cache stores it.
import type { Page } from 'playwright-core'

type Entity = Record<string, string | number | boolean | null | string[]>
export type Library = {
  spaces: Record<string, Entity>
  groups: Record<string, Entity>
  bookmarks: Record<string, Entity>
}

export function makeLibrary(options: { spaces: number; groupsPerSpace: number; bookmarks: number }): Library {
  const at = '2026-01-01T00:00:00.000Z'
  const library: Library = { spaces: {}, groups: {}, bookmarks: {} }
  const groups: { id: string; spaceId: string }[] = []
  for (let s = 0; s < options.spaces; s++) {
    const id = `space_seed${s}`
    library.spaces[id] = {
      id,
      name: `Space ${s + 1}`,
      icon: '📁',
      color: null,
      order: s,
      isArchived: false,
      createdAt: at,
      updatedAt: at
    }
    for (let g = 0; g < options.groupsPerSpace; g++) {
      const gid = `group_seed${s}x${g}`
      library.groups[gid] = {
        id: gid,
        spaceId: id,
        name: `Group ${g + 1}`,
        icon: null,
        order: g,
        isArchived: false,
        createdAt: at,
        updatedAt: at
      }
      groups.push({ id: gid, spaceId: id })
    }
  }
  for (let b = 0; b < options.bookmarks; b++) {
    const group = groups[b % groups.length]
    if (!group) break
    const id = `bookmark_seed${b}`
    library.bookmarks[id] = {
      id,
      spaceId: group.spaceId,
      groupId: group.id,
      title: `Site ${b + 1}`,
      url: `https://site${b + 1}.example.com/page`,
      faviconUrl: null,
      description: b % 7 === 0 ? `Notes about site ${b + 1}` : null,
      order: Math.floor(b / groups.length),
      isPinned: false,
      isArchived: false,
      createdAt: at,
      updatedAt: at
    }
  }
  return library
}

/** Writes the library as the signed-out account's data; run on a page of the extension's origin. */
export async function seedLibrary(page: Page, library: Library, account = 'local'): Promise<void> {
  await page.evaluate(
    async ({ library, account }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('bookmarks-index')
        req.onupgradeneeded = () => req.result.createObjectStore('kv')
        req.onsuccess = () => resolve(req.result)
        req.onerror = () => reject(req.error)
      })
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('kv', 'readwrite')
        tx.objectStore('kv').put(JSON.stringify(library), `data:${account}`)
        tx.oncomplete = () => resolve()
        tx.onerror = () => reject(tx.error)
      })
      db.close()
    },
    { library, account }
  )
}
