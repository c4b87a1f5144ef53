// The library and the Chrome mirror folder as indented lines, for the mirror's Chromium tests to compare.

/** A Chrome bookmark node as chrome.bookmarks gives it. */
export type BookmarkNode = {
  id: string
  parentId?: string
  index?: number
  title: string
  url?: string
  children?: BookmarkNode[]
}
type Entity = { id: string; position: string; isArchived: boolean }
export type OutlinedData = {
  spaces: Record<string, Entity & { name: string }>
  groups: Record<string, Entity & { name: string; spaceId: string }>
  bookmarks: Record<string, Entity & { title: string; url: string; groupId: string }>
}

const byPosition = (a: Entity, b: Entity) =>
  a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : 1

/** The store's library as indented lines, archived items left out, in the store's order. */
export function storeOutline(data: OutlinedData): string[] {
  const lines: string[] = []
  const live = <T extends Entity>(list: T[]) => list.filter((x) => !x.isArchived).sort(byPosition)
  for (const s of live(Object.values(data.spaces))) {
    lines.push(`${s.name}/`)
    for (const g of live(Object.values(data.groups).filter((g) => g.spaceId === s.id))) {
      lines.push(`  ${g.name}/`)
      for (const b of live(Object.values(data.bookmarks).filter((b) => b.groupId === g.id)))
        lines.push(`    ${b.title} ${b.url}`)
    }
  }
  return lines
}

/** The mirror folder the same way, its marker bookmark left out. */
export function chromeOutline(root: BookmarkNode | undefined): string[] {
  const lines: string[] = []
  const walk = (n: BookmarkNode, depth: number) => {
    for (const c of n.children ?? []) {
      if (depth === 0 && c.url?.includes('#mirror=')) continue
      lines.push(`${'  '.repeat(depth)}${c.url === undefined ? `${c.title}/` : `${c.title} ${c.url}`}`)
      walk(c, depth + 1)
    }
  }
  if (root) walk(root, 0)
  return lines
}
