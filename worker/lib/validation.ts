// Turns zod failures into the API's 400 error with field paths.
import type { z } from '@hono/zod-openapi'
import { ApiError, type Issue } from './errors'

export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message
  }))
}

export function validationError(error: z.ZodError, where: string): ApiError {
  const issues = issuesOf(error)
  const first = issues[0]
  const summary = first ? `${first.path}: ${first.message}` : 'invalid input'
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''
  return new ApiError(400, 'validation_failed', `Invalid ${where}: ${summary}${more}`, issues)
}
