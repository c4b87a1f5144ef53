// An in-memory bookmark tree with chrome.bookmarks' semantics (ids, indexes, moves, removeTree), for the mirror's
// unit tests; the browser tests run the same code against Chromium's own.
import type { BookmarkTree } from '../src/background/mirror/apply-chrome'
import type { ChromeNode } from '../src/background/mirror/plan'

type Stored = {
  id: string
  parentId?: string
  title: string
  url?: string
  dateAdded?: number
  children?: string[]
}

export class MemoryTree implements BookmarkTree {
  private nodes = new Map<string, Stored>()
  private next = 10
  writes = 0
  /** The clock nodes are stamped with (dateAdded), moved on by the tests. */
  clock = Date.parse('2026-03-01T11:59:00.000Z')

  constructor() {
    this.nodes.set('0', { id: '0', title: '', children: ['1', '2'] })
    this.nodes.set('1', { id: '1', parentId: '0', title: 'Bookmarks bar', children: [] })
    this.nodes.set('2', { id: '2', parentId: '0', title: 'Other bookmarks', children: [] })
  }

  private get(id: string): Stored {
    const node = this.nodes.get(id)
    if (!node) throw new Error(`Can't find bookmark for id ${id}`)
    return node
  }

  private view(node: Stored, deep: boolean): ChromeNode {
    const parent = node.parentId === undefined ? undefined : this.get(node.parentId)
    const index = parent?.children?.indexOf(node.id)
    return {
      id: node.id,
      title: node.title,
      ...(node.dateAdded === undefined ? {} : { dateAdded: node.dateAdded }),
      ...(node.parentId === undefined ? {} : { parentId: node.parentId, index }),
      ...(node.url === undefined ? {} : { url: node.url }),
      ...(node.children && deep ? { children: node.children.map((c) => this.view(this.get(c), true)) } : {})
    }
  }

  async create(node: { parentId: string; title: string; url?: string; index?: number }): Promise<ChromeNode> {
    this.writes++
    const parent = this.get(node.parentId)
    const id = String(this.next++)
    const stored: Stored = {
      id,
      parentId: node.parentId,
      title: node.title,
      dateAdded: this.clock++,
      ...(node.url === undefined ? { children: [] } : { url: new URL(node.url).href })
    }
    this.nodes.set(id, stored)
    const children = parent.children as string[]
    children.splice(node.index ?? children.length, 0, id)
    return this.view(stored, false)
  }

  async update(id: string, changes: { title: string; url?: string }): Promise<unknown> {
    this.writes++
    const node = this.get(id)
    node.title = changes.title
    if (changes.url !== undefined) node.url = new URL(changes.url).href
    return this.view(node, false)
  }

  async move(id: string, destination: { parentId: string; index?: number }): Promise<unknown> {
    this.writes++
    const node = this.get(id)
    const from = this.get(node.parentId as string).children as string[]
    const at = from.indexOf(id)
    from.splice(at, 1)
    const to = this.get(destination.parentId).children as string[]
    // Chrome counts the index before taking the node out of its own folder.
    const wanted = destination.index ?? to.length + 1
    const index = destination.parentId === node.parentId && wanted > at ? wanted - 1 : wanted
    to.splice(Math.min(index, to.length), 0, id)
    node.parentId = destination.parentId
    return this.view(node, false)
  }

  async remove(id: string): Promise<unknown> {
    const node = this.get(id)
    if (node.children?.length) throw new Error("Can't remove non-empty folder")
    return this.removeTree(id)
  }

  async removeTree(id: string): Promise<unknown> {
    this.writes++
    const node = this.get(id)
    const siblings = this.get(node.parentId as string).children as string[]
    siblings.splice(siblings.indexOf(id), 1)
    const drop = (n: Stored) => {
      this.nodes.delete(n.id)
      for (const c of n.children ?? []) drop(this.get(c))
    }
    drop(node)
    return undefined
  }

  async getChildren(id: string): Promise<ChromeNode[]> {
    return (this.get(id).children ?? []).map((c) => this.view(this.get(c), false))
  }

  subtree(id: string): ChromeNode | undefined {
    const node = this.nodes.get(id)
    return node && this.view(node, true)
  }

  /** The folder as indented lines ("Work/", "  Docs/", "    Spec https://…"), for readable expectations. */
  outline(id: string): string[] {
    const lines: string[] = []
    const walk = (n: ChromeNode, depth: number) => {
      for (const c of n.children ?? []) {
        lines.push(`${'  '.repeat(depth)}${c.url === undefined ? `${c.title}/` : `${c.title} ${c.url}`}`)
        walk(c, depth + 1)
      }
    }
    const root = this.subtree(id)
    if (root) walk(root, 0)
    return lines
  }
}
