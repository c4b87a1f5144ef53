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
  const d = data as { name?: unknown; title?: unknown }
  const name = typeof d.title === 'string' ? d.title : typeof d.name === 'string' ? d.name : undefined
  return name && name.length > 40 ? `${name.slice(0, 39)}…` : name
}

/** Which change this is, e.g. `Your edit to the bookmark “MDN”`. */
export function describeChange(mutation: Mutation): string {
  const name = nameOf(mutation.data)
  const target = `${verb[mutation.op]} the ${what[mutation.entity]}${name ? ` “${name}”` : ''}`
  return target.charAt(0).toUpperCase() + target.slice(1)
}

/** One sentence saying which change was undone and why, e.g. for a rejected edit of a deleted bookmark. */
export function describeRejection({ mutation, reason }: RejectedMutation): string {
  const change = describeChange(mutation)
  if (reason === 'deleted' || reason === 'not_found') {
    return `${change} was undone: it was deleted on another device.`
  }
  if (reason === 'parent_deleted' || reason === 'parent_not_found') {
    return `${change} was undone: the place it was in was deleted on another device.`
  }
  if (reason === 'already_exists' || reason === 'id_taken') {
    return `${change} was undone: it already exists.`
  }
  if (reason === 'account_reset') {
    return `${change} was undone: your account’s data was deleted after it was made.`
  }
  if (reason === 'conflict') {
    return `${change} was undone: the server already had another change under the same id.`
  }
  if (reason === 'empty_order' || reason === 'repeated_id') {
    return `${change} was undone: the new order was not valid.`
  }
  const quota = QUOTA_WORDS[reason]
  if (quota) return `${change} was undone: your account holds ${quota}, the most it can.`
  return `${change} was undone (${reason}).`
}

/** What each quota reason (model/limits.ts QUOTAS) means, in the person's words. */
const QUOTA_WORDS: Record<string, string> = {
  space_quota_exceeded: `${QUOTAS.spaces.toLocaleString('en')} spaces`,
  group_quota_exceeded: `${QUOTAS.groups.toLocaleString('en')} groups`,
  bookmark_quota_exceeded: `${QUOTAS.bookmarks.toLocaleString('en')} bookmarks`,
  storage_quota_exceeded: `${QUOTAS.bytes / 1_000_000} MB of text`
}
