// Words for a change the server refused for good (rolled back), or keeps refusing (set aside).
import { QUOTAS } from '../../../../model/limits'
import type { Mutation } from '../types'
import type { RejectedMutation } from './engine'

const what = { space: 'space', group: 'group', bookmark: 'bookmark' } as const
const verb = {
  create: 'adding',
  update: 'your edit to',
  delete: 'deleting',
  reorder: 'reordering',
  move: 'moving'
} as const

const nameOf = (data: unknown): string | undefined => {
  const d = data as { name?: unknown; title?: unknown; url?: unknown }
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined)
  // A bookmark without a title (an older version let some in) is known by its address.
  const name = text(d.title) ?? text(d.name) ?? text(d.url)
  return name && name.length > 40 ? `${name.slice(0, 39)}…` : name
}

/** Which change this is, e.g. `Your edit to the bookmark “MDN”`. */
export function describeChange(mutation: Mutation): string {
  const name = nameOf(mutation.data)
  const target = `${verb[mutation.op]} the ${what[mutation.entity]}${name ? ` “${name}”` : ''}`
  return target.charAt(0).toUpperCase() + target.slice(1)
}

/** A rejection reason (the push's or the migration's outcome) in words, or undefined for one this does not know. */
function rejectionWords(reason: string): string | undefined {
  if (reason === 'deleted' || reason === 'not_found') return 'it was deleted on another device'
  if (reason === 'parent_deleted' || reason === 'parent_not_found')
    return 'the place it was in was deleted on another device'
  if (reason === 'already_exists' || reason === 'id_taken') return 'it already exists'
  if (reason === 'account_reset') return 'your account’s data was deleted after it was made'
  if (reason === 'conflict') return 'the server already had another change under the same id'
  if (reason === 'empty_order' || reason === 'repeated_id') return 'the new order was not valid'
  const quota = QUOTA_WORDS[reason]
  return quota ? `your account holds ${quota}, the most it can` : undefined
}

/** One sentence saying which change was undone and why, e.g. for a rejected edit of a deleted bookmark. */
export function describeRejection({ mutation, reason }: RejectedMutation): string {
  const change = describeChange(mutation)
  const words = rejectionWords(reason)
  return words ? `${change} was undone: ${words}.` : `${change} was undone (${reason}).`
}

/** The fields the API names in its validation messages, as the dialogs call them. */
const FIELD_WORDS: Record<string, string> = {
  title: 'title',
  url: 'address',
  name: 'name',
  description: 'description',
  tags: 'tags',
  icon: 'icon',
  color: 'colour',
  faviconUrl: 'icon’s address',
  orderedIds: 'new order',
  id: 'id',
  spaceId: 'space',
  groupId: 'group'
}
const REFUSED = 'The server refused it'

/**
 * Why a change was set aside, in the person's words. The engine and the first sign-in's upload keep the server's
 * own message (`The server refused it: Invalid request body: mutations.0.data.title: Must not be empty`, or
 * `The server refused it (parent_deleted)`); this names the field as the dialogs do and says the code in words:
 * `The server refused it: the title must not be empty.` Reasons stored by older versions read the same way.
 */
export function describeSetAsideReason(reason: string): string {
  const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`)
  const coded = /^The server refused it \((\w+)\)$/.exec(reason)
  const code = coded?.[1] && rejectionWords(coded[1])
  if (code) return `${REFUSED}: ${code}.`
  if (!reason.startsWith(`${REFUSED}: `)) return sentence(reason)
  const detail = reason.slice(REFUSED.length + 2).replace(/^Invalid request body: /, '')
  // `<path>: <message>`: the path's last word that is a field (`bookmarks.7.title`, `mutations.0.data.tags.2`).
  const issue = /^([\w.]+): (.+)$/s.exec(detail)
  const field = issue?.[1]
    ?.split('.')
    .reverse()
    .map((part) => FIELD_WORDS[part])
    .find(Boolean)
  if (!issue?.[2] || !field) return sentence(`${REFUSED}: ${detail}`)
  const message = issue[2].replace(/^Must /, 'must ')
  return sentence(`${REFUSED}: the ${field}${message.startsWith('must ') ? ' ' : ': '}${message}`)
}

/** What each quota reason (model/limits.ts QUOTAS) means, in the person's words. */
const QUOTA_WORDS: Record<string, string> = {
  space_quota_exceeded: `${QUOTAS.spaces.toLocaleString('en')} spaces`,
  group_quota_exceeded: `${QUOTAS.groups.toLocaleString('en')} groups`,
  bookmark_quota_exceeded: `${QUOTAS.bookmarks.toLocaleString('en')} bookmarks`,
  storage_quota_exceeded: `${QUOTAS.bytes / 1_000_000} MB of text`
}
