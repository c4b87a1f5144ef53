// The Netscape bookmark file (bookmarks.html), the format every browser, Raindrop and Pocket export.

import { byPosition } from '../../../../model/rules'
import { parseTags } from '../../../../model/tags'
import type { DataState } from '../../store/types'
import { FolderCollector, type ImportFolder, isWrapperName } from './folders'

const GENERATOR = 'Bookmarks Index'

/**
 * Reads folders and links; H3 names a folder, the DL after it holds its content. A top-level folder the browser
 * made (its toolbar, "Other bookmarks"…) is marked as a wrapper, by the attribute the file gives it or its name.
 */
export function parseNetscape(html: string): ImportFolder[] {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  // Our own export's top folders are the person's spaces, whatever they are called.
  const ours = doc.querySelector(`meta[name="generator"][content="${GENERATOR}"]`) !== null
  const collector = new FolderCollector()
  const walk = (node: Element, path: string[], wrapped: boolean) => {
    let pending: { name: string; wrapper: boolean } | undefined
    for (const el of Array.from(node.children)) {
      const tag = el.tagName
      if (tag === 'A') {
        // Every link is read, bookmarklets and empty ones too: the import reports what it skips, and why.
        const url = el.getAttribute('href') ?? ''
        const added = Number(el.getAttribute('add_date'))
        // Firefox, Pinboard and our own export write tags as TAGS="a,b".
        const tags = parseTags(el.getAttribute('tags') ?? '')
        collector.add(path, wrapped, {
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
        walk(el, path, wrapped)
      } else if (tag === 'H3') {
        const name = el.textContent?.trim() || 'Untitled'
        const marked =
          el.hasAttribute('personal_toolbar_folder') || el.hasAttribute('unfiled_bookmarks_folder')
        pending = { name, wrapper: path.length === 0 && !ours && (marked || isWrapperName(name)) }
      } else if (tag === 'DL') {
        if (pending) {
          const inner = [...path, pending.name]
          const innerWrapped = wrapped || pending.wrapper
          collector.open(inner, innerWrapped)
          walk(el, inner, innerWrapped)
        } else walk(el, path, wrapped)
        pending = undefined
      } else {
        walk(el, path, wrapped)
      }
    }
  }
  walk(doc.body, [], false)
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
    `<META NAME="generator" CONTENT="${GENERATOR}">`,
    '<TITLE>Bookmarks</TITLE>',
    '<H1>Bookmarks</H1>',
    '<DL><p>'
  ]
  const groups = Object.values(state.groups).sort(byPosition)
  const bookmarks = Object.values(state.bookmarks).sort(byPosition)
  for (const space of Object.values(state.spaces).sort(byPosition)) {
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
