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

/** The public probe's limit per client address (PUBLIC_LIMITER). */
export const publicRateLimitResponse = {
  429: {
    description: 'Too many requests from this address; see Retry-After',
    content: errorContent({
      code: 'rate_limited',
      message: 'Too many requests from this address; retry after 60 seconds'
    })
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

/** The errors of any route that takes a body: over the size limit, or not JSON. */
export const tooLargeResponse = {
  413: {
    description: 'The body is over the size limit (64 KB; 8 MB for bulk import and sync push)',
    content: errorContent({ code: 'payload_too_large', message: 'Request body is over the 64 KB limit' })
  },
  415: {
    description: 'The body is not sent as `Content-Type: application/json`',
    content: errorContent({
      code: 'unsupported_media_type',
      message: 'Send the request body as JSON (Content-Type: application/json)'
    })
  }
} as const

export function jsonBody<T extends z.ZodType>(schema: T, description: string) {
  return { required: true, description, content: { 'application/json': { schema } } }
}

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } }
}
