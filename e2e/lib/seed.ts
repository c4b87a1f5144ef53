// Test data for the extension: a library of spaces, groups and bookmarks, written straight into the
// extension's IndexedDB the way versions before per-group records stored it, for the app to migrate.

import type { Page } from 'playwright-core'
import { rankPosition } from '../../model/position.ts'

type Entity = Record<string, string | number | boolean | null | string[]>
export type Library = {
  spaces: Record<string, Entity>
  groups: Record<string, Entity>
  bookmarks: Record<string, Entity>
}

export type LibraryOptions = {
  spaces: number
  groupsPerSpace: number
  bookmarks: number
  /**
   * Exact sizes of the first groups (space 1's first, in order), as real libraries are uneven: a few bookmarks
   * here, a 2,000-bookmark "Unsorted" there. The rest are dealt round-robin to the other groups.
   */
  groupSizes?: number[]
}

/** Group `g` of space `s` is `group_seed<s>x<g>`, named "Group <g+1>"; bookmark `n` is "Site <n+1>". */
export function makeLibrary(options: LibraryOptions): Library {
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
      position: rankPosition(s),
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
        position: rankPosition(g),
        isArchived: false,
        createdAt: at,
        updatedAt: at
      }
      groups.push({ id: gid, spaceId: id })
    }
  }
  let b = 0
  const add = (group: { id: string; spaceId: string }, order: number) => {
    const id = `bookmark_seed${b}`
    library.bookmarks[id] = {
      id,
      spaceId: group.spaceId,
      groupId: group.id,
      title: `Site ${b + 1}`,
      url: `https://site${b + 1}.example.com/page`,
      faviconUrl: null,
      description: b % 7 === 0 ? `Notes about site ${b + 1}` : null,
      position: rankPosition(order),
      isPinned: false,
      isArchived: false,
      createdAt: at,
      updatedAt: at
    }
    b++
  }
  const sizes = options.groupSizes ?? []
  sizes.forEach((size, i) => {
    const group = groups[i]
    for (let order = 0; group && order < size && b < options.bookmarks; order++) add(group, order)
  })
  const rest = groups.slice(sizes.length)
  for (let k = 0; b < options.bookmarks && rest.length > 0; k++) {
    const group = rest[k % rest.length]
    if (group) add(group, Math.floor(k / rest.length))
  }
  return library
}

/**
 * Writes the library as the account's data, replacing what it had; run on a page of the extension's origin. It
 * is written as versions before per-group records stored it (one `data:<account>` record), which the app's next
 * load migrates: every seeded test goes through the path an existing user's data takes, and this file needs
 * nothing of the app's code (the benchmark runs it under plain Node).
 */
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
