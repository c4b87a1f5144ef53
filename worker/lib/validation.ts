// Turns zod failures into the API's 400 error with field paths.
import type { z } from '@hono/zod-openapi'
import { ApiError, type Issue } from './errors'

export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message
  }))
}

/**
 * What an old extension is told when it sends integer orders: the one thing to do. Its request changes nothing,
 * and an updated extension sends its pending changes again in the new shape.
 */
export const OUTDATED_MESSAGE =
  'This version of Bookmarks Index is out of date: it sends list orders as numbers, which the server no longer ' +
  'accepts. Update the extension (chrome://extensions, then Update) to keep syncing; nothing from this request ' +
  'was saved, and your changes are still on this device.'

export function validationError(error: z.ZodError, where: string): ApiError {
  const issues = issuesOf(error)
  const first = issues[0]
  const summary = first ? `${first.path}: ${first.message}` : 'invalid input'
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''
  return new ApiError(400, 'validation_failed', `Invalid ${where}: ${summary}${more}`, issues)
}
