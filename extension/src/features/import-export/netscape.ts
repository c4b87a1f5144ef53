// The Netscape bookmark file (bookmarks.html), the format every browser, Raindrop and Pocket export.

import { byOrder } from '../../store/apply'
import type { DataState } from '../../store/types'
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
        const url = el.getAttribute('href') ?? ''
        if (!url || url.startsWith('javascript:') || url.startsWith('place:')) continue
        const added = Number(el.getAttribute('add_date'))
        collector.add(path, {
          title: el.textContent?.trim() || url,
          url,
          addedAt: added > 0 ? new Date(added * 1000).toISOString() : undefined
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
        lines.push(
          `            <DT><A HREF="${escapeHtml(b.url)}" ADD_DATE="${seconds(b.createdAt)}">${escapeHtml(b.title)}</A>`
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
