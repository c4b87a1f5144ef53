// The Netscape bookmark file (bookmarks.html), the format every browser, Raindrop and Pocket export.

import { byOrder } from '../../../../model/rules'
import { parseTags } from '../../../../model/tags'
import type { Bookmark, DataState } from '../../store/types'
import { FolderCollector, type ImportFolder } from './folders'

/** Reads folders and links; H3 names a folder, the DL after it holds its content. */
export function parseNetscape(html: string): ImportFolder[] {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  const collector = new FolderCollector()
  const walk = (node: Element, path: string[]) => {
    let pending: string | undefined
    for (const el of Array.from(node.children)) {
      const tag = el.tagName
      if (tag === 'A') {
        // Every link is read, bookmarklets and empty ones too: the import reports what it skips, and why.
        const url = el.getAttribute('href') ?? ''
        const added = Number(el.getAttribute('add_date'))
        // Firefox, Pinboard and our own export write tags as TAGS="a,b".
        const tags = parseTags(el.getAttribute('tags') ?? '')
        collector.add(path, {
          title: el.textContent?.trim() || url,
          url,
          addedAt: added > 0 ? new Date(added * 1000).toISOString() : undefined,
          ...(tags.length ? { tags } : {})
        })
      } else if (tag === 'DD') {
        // A DD after a link is its note (Raindrop, Pocket and our own export write them).
        const note = el.firstChild?.textContent?.trim()
        const last = collector.last
        if (note && last && !last.description) last.description = note
        walk(el, path)
      } else if (tag === 'H3') {
        pending = el.textContent?.trim() || 'Untitled'
      } else if (tag === 'DL') {
        walk(el, pending ? [...path, pending] : path)
        pending = undefined
      } else {
        walk(el, path)
      }
    }
  }
  walk(doc.body, [])
  return collector.folders
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000)

/** Writes spaces as top folders and groups as their sub-folders, archived items included. */
export function toNetscape(state: DataState): string {
  const lines = [
    '<!DOCTYPE NETSCAPE-Bookmark-file-1>',
    '<!-- This is an automatically generated file. It will be read and overwritten. DO NOT EDIT! -->',
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
    '<TITLE>Bookmarks</TITLE>',
    '<H1>Bookmarks</H1>',
    '<DL><p>'
  ]
  const groups = Object.values(state.groups).sort(byOrder)
  const bookmarks = Object.values(state.bookmarks).sort(byOrder)
  for (const space of Object.values(state.spaces).sort(byOrder)) {
    lines.push(
      `    <DT><H3 ADD_DATE="${seconds(space.createdAt)}">${escapeHtml(space.name)}</H3>`,
      '    <DL><p>'
    )
    for (const group of groups.filter((g) => g.spaceId === space.id)) {
      lines.push(
        `        <DT><H3 ADD_DATE="${seconds(group.createdAt)}">${escapeHtml(group.name)}</H3>`,
        '        <DL><p>'
      )
      for (const b of bookmarks.filter((x) => x.groupId === group.id)) {
        const tags = b.tags.length ? ` TAGS="${escapeHtml(b.tags.join(','))}"` : ''
        lines.push(
          `            <DT><A HREF="${escapeHtml(b.url)}" ADD_DATE="${seconds(b.createdAt)}"${tags}>${escapeHtml(b.title)}</A>`
        )
        if (b.description) lines.push(`            <DD>${escapeHtml(b.description)}`)
      }
      lines.push('        </DL><p>')
    }
    lines.push('    </DL><p>')
  }
  lines.push('</DL><p>', '')
  return lines.join('\n')
}

/** Everything, as the API names it, for backups and other tools. */
export const toJson = (state: DataState): string =>
  JSON.stringify(
    {
      format: 'bookmarks-index',
      version: 1,
      exportedAt: new Date().toISOString(),
      spaces: Object.values(state.spaces).sort(byOrder),
      groups: Object.values(state.groups).sort(byOrder),
      bookmarks: Object.values(state.bookmarks).sort(byOrder)
    },
    null,
    2
  )

type Exported = {
  format?: string
  spaces?: { id: string; name: string; order: number; createdAt: string }[]
  groups?: { id: string; spaceId: string; name: string; order: number; createdAt: string }[]
  bookmarks?: (Pick<Bookmark, 'groupId' | 'title' | 'url' | 'order'> &
    Partial<Pick<Bookmark, 'description' | 'tags' | 'createdAt'>>)[]
}

/** Reads our own JSON export back as folders (space / group), so a backup restores into the same shape. */
export function parseJsonExport(text: string): ImportFolder[] {
  const data = JSON.parse(text) as Exported
  if (data.format !== 'bookmarks-index') throw new Error('this JSON file is not a Bookmarks Index export')
  const spaces = new Map((data.spaces ?? []).map((s) => [s.id, s]))
  const groups = new Map((data.groups ?? []).map((g) => [g.id, g]))
  // Spaces, then groups, then bookmarks in their own order, so folders come back in the order they had.
  const rank = (b: { groupId: string; order: number }) => {
    const group = groups.get(b.groupId)
    const space = group ? spaces.get(group.spaceId) : undefined
    return [space?.order ?? Number.MAX_SAFE_INTEGER, group?.order ?? 0, b.order]
  }
  const sorted = [...(data.bookmarks ?? [])].sort((x, y) => {
    const [a, b] = [rank(x), rank(y)]
    return (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0) || (a[2] ?? 0) - (b[2] ?? 0)
  })
  const collector = new FolderCollector()
  for (const b of sorted) {
    const group = groups.get(b.groupId)
    const path = group ? [spaces.get(group.spaceId)?.name ?? 'Imported', group.name] : ['Imported']
    collector.add(path, {
      title: b.title,
      url: b.url,
      addedAt: b.createdAt,
      description: b.description ?? undefined,
      tags: b.tags
    })
  }
  return collector.folders
}
