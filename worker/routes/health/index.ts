// The public health router: no token, no input to validate, just the probe.
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../../lib/types'
import { healthHandler } from './health.handlers'
import { health } from './health.routes'

export const healthRoutes = new OpenAPIHono<AppEnv>().openapi(health, healthHandler)
