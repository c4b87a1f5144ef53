// The extension's only way to the API: an openapi-fetch client typed by the generated schema.d.ts, with a
// bearer token from an injected provider and every failure turned into one ApiError. The page's own client is
// made in session/api-client.ts; the sync layer is handed it.
import createClient, { type Client, type Middleware } from 'openapi-fetch'
import { config } from '../config'
import type { components, paths } from './schema'

export type ApiClient = Client<paths>
export type ApiSchemas = components['schemas']

/** Returns the current session token, or null when signed out (the request then goes without one). */
export type TokenProvider = () => Promise<string | null>

/** `network_error`: the request never got an answer (offline, server down, timeout). */
export type ApiErrorCode = ApiSchemas['Error']['error']['code'] | 'network_error' | 'unexpected_response'

export class ApiError extends Error {
  constructor(
    /** The HTTP status; 0 when no response arrived. */
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: ApiSchemas['ValidationIssue'][]
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '')
  try {
    const body = JSON.parse(text) as Partial<ApiSchemas['Error']>
    if (body.error && typeof body.error.code === 'string') {
      return new ApiError(response.status, body.error.code, body.error.message, body.error.issues)
    }
  } catch {
    // Not our error shape (a proxy's page, an empty body): described below.
  }
  return new ApiError(
    response.status,
    'unexpected_response',
    `HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`
  )
}

export type ApiClientOptions = {
  /** Defaults to VITE_API_URL. */
  baseUrl?: string
  getToken?: TokenProvider
  /** Aborts a request that takes longer (ms); default 30 s. */
  timeoutMs?: number
  /** Replaces the global fetch (tests lose answers with it); gets openapi-fetch's Request. */
  fetch?: (request: Request, init?: RequestInit) => Promise<Response>
}

export type ApiClientHandle = {
  client: ApiClient
  setTokenProvider: (provider: TokenProvider | undefined) => void
}

export function createApiClient(options: ApiClientOptions = {}): ApiClientHandle {
  let getToken = options.getToken
  const timeoutMs = options.timeoutMs ?? 30_000
  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const client = createClient<paths>({
    baseUrl: (options.baseUrl ?? config.apiUrl).replace(/\/+$/, ''),
    // The caller's own signal (if any) still aborts; the timeout bounds a request the network never answers.
    fetch: (request: Request) =>
      baseFetch(request, { signal: AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]) })
  })
  const middleware: Middleware = {
    async onRequest({ request }) {
      const token = getToken ? await getToken() : null
      if (token) request.headers.set('Authorization', `Bearer ${token}`)
      return request
    },
    async onResponse({ response }) {
      if (!response.ok) throw await toApiError(response)
      return undefined
    },
    onError({ error }) {
      if (error instanceof ApiError) return error
      const message = error instanceof Error ? error.message : String(error)
      return new ApiError(0, 'network_error', `The API could not be reached: ${message}`)
    }
  }
  client.use(middleware)
  return { client, setTokenProvider: (provider) => (getToken = provider) }
}

/** The data of a successful call; openapi-fetch types it as optional, but errors always throw here. */
export function expectData<T>(result: { data?: T; response: Response }): T {
  if (result.data === undefined) {
    throw new ApiError(result.response.status, 'unexpected_response', 'The API answered without a body')
  }
  return result.data
}
