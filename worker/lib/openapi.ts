// Shared OpenAPI pieces: the documented error responses every route spreads in, and the JSON body helper.
import type { z } from '@hono/zod-openapi'
import { ErrorSchema } from './errors'

const errorContent = (example: { code: string; message: string }) => ({
  'application/json': { schema: ErrorSchema, example: { error: example } }
})

/** The errors any authenticated route can answer; declared once, spread into every route. */
export const authedErrorResponses = {
  400: {
    description: 'The request is invalid; `issues` lists each field',
    content: errorContent({ code: 'validation_failed', message: 'Invalid request body: name: Too small' })
  },
  401: {
    description: 'Missing, expired or invalid bearer token',
    content: errorContent({ code: 'unauthorized', message: 'The bearer token has expired' })
  },
  429: {
    description: 'Too many requests for this user; see Retry-After',
    content: errorContent({ code: 'rate_limited', message: 'Too many requests; retry after 60 seconds' })
  },
  503: {
    description: 'The database is unreachable',
    content: errorContent({ code: 'db_unavailable', message: 'The database is unreachable right now' })
  }
} as const

export const notFoundResponse = {
  404: {
    description: 'No such item for this user (another user’s id gets the same answer)',
    content: errorContent({ code: 'not_found', message: 'Space not found' })
  }
} as const

export const conflictResponse = {
  409: {
    description: 'The id is already taken',
    content: errorContent({ code: 'conflict', message: 'A space with this id already exists' })
  }
} as const

export const tooLargeResponse = {
  413: {
    description: 'The body is over the size limit',
    content: errorContent({ code: 'payload_too_large', message: 'Request body is over 1 MB' })
  }
} as const

export function jsonBody<T extends z.ZodType>(schema: T, description: string) {
  return { required: true, description, content: { 'application/json': { schema } } }
}

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } }
}
