// Every router is made here so that request validation fails the same way everywhere.
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from './types'
import { validationError } from './validation'

const targetNames: Record<string, string> = {
  json: 'request body',
  query: 'query string',
  param: 'path parameter',
  header: 'header'
}

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, targetNames[result.target] ?? result.target)
    }
  })
}
