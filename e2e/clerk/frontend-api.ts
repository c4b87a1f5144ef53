// A local stand-in for Clerk's Frontend API (FAPI), enough for real clerk-js 6.40 in "native" mode
// (no cookies, `_is_native=1`): the client is named by an opaque token that travels in the Authorization
// header both ways. Everything lives in memory; email codes are recorded instead of sent.
import { randomBytes, randomInt } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  type ClientRecord,
  environmentJSON,
  errorJSON,
  type SessionRecord,
  type SignInRecord,
  type SignUpRecord,
  sessionJSON,
  signInJSON,
  signUpJSON,
  type UserRecord,
  type Verification
} from './fapi-resources.ts'

export type ClerkUser = { userId: string; email: string; password?: string }

export type ClerkStandIn = {
  url: string
  publishableKey: string
  /** the email codes sent (email_code strategy), newest last, so a test can type them */
  sentCodes: Array<{ email: string; code: string }>
  /** every FAPI request answered, oldest first, for debugging and asserting what clerk-js called */
  requests: Array<{ method: string; path: string; status: number }>
  stop: () => Promise<void>
}

export type StandInOptions = {
  users: ClerkUser[]
  /** signs the session token: RS256 JWT with sub = userId, azp = request Origin, sid = sessionId */
  tokenFor: (userId: string, azp?: string, sessionId?: string) => Promise<string>
}

/** The host the publishable key names; clerk-js never calls it because every request goes to `proxyUrl`. */
const FRONTEND_API_HOST = 'clerk.bookmarks.test'
/** Every stand-in's publishable key (it names the host only), so one build serves any stand-in's `proxyUrl`. */
export const STAND_IN_PUBLISHABLE_KEY = `pk_test_${Buffer.from(`${FRONTEND_API_HOST}$`).toString('base64')}`
const CODE_LIFETIME = 10 * 60 * 1000
const MIN_PASSWORD_LENGTH = 8

type Request = {
  method: string
  path: string
  body: Record<string, string>
  origin: string | undefined
  client: ClientRecord | undefined
}

type Reply = { status: number; body: unknown; client?: ClientRecord }

class FapiError extends Error {
  readonly status: number
  readonly body: ReturnType<typeof errorJSON>
  constructor(status: number, code: string, message: string, longMessage = message, paramName?: string) {
    super(message)
    this.status = status
    this.body = errorJSON(code, message, longMessage, paramName)
  }
}

const notFound = (what: string) => new FapiError(404, 'resource_not_found', `${what} not found`)
const signedOut = () => new FapiError(401, 'signed_out', 'Unauthorized request', 'You are signed out')

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`

export async function startClerkStandIn(options: StandInOptions): Promise<ClerkStandIn> {
  const sentCodes: ClerkStandIn['sentCodes'] = []
  const requests: ClerkStandIn['requests'] = []
  const store = createStore(options.users)

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('clerk stand-in:', error)
      send(
        res,
        req,
        500,
        errorJSON(
          'internal_clerk_error',
          'Oops, an unexpected error occurred',
          'Oops, an unexpected error occurred'
        )
      )
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method === 'OPTIONS') return send(res, req, 204, undefined)
    const request = await parseRequest(req, store)
    let reply: Reply
    try {
      reply = await route(request)
    } catch (error) {
      if (!(error instanceof FapiError)) throw error
      reply = { status: error.status, body: error.body, client: request.client }
    }
    requests.push({ method: request.method, path: request.path, status: reply.status })
    send(res, req, reply.status, reply.body, reply.client?.token)
  }

  async function route(req: Request): Promise<Reply> {
    const { method, path } = req
    const at = (pattern: RegExp) => pattern.exec(path)
    if (path === '/v1/environment') return { status: 200, body: environmentJSON() }
    if (path === '/v1/client') {
      if (method === 'GET') return wrap(req.client, req.client ? store.clientJSON(req.client) : null)
      if (method === 'PUT' || method === 'POST') return wrap(store.ensureClient(req))
      if (method === 'DELETE') return destroyClient(req)
    }
    if (path === '/v1/client/sessions' && method === 'DELETE') return removeSessions(req)
    if (path === '/v1/client/sign_ins' && method === 'POST') return createSignIn(req)
    if (path === '/v1/client/sign_ups' && method === 'POST') return createSignUp(req)
    let m = at(/^\/v1\/client\/sign_ins\/([^/]+)(?:\/(prepare_first_factor|attempt_first_factor))?$/)
    if (m) return signInAction(req, m[1] ?? '', m[2])
    m = at(/^\/v1\/client\/sign_ups\/([^/]+)(?:\/(prepare_verification|attempt_verification))?$/)
    if (m) return signUpAction(req, m[1] ?? '', m[2])
    m = at(/^\/v1\/client\/sessions\/([^/]+)\/(touch|tokens|end|remove)$/)
    if (m && method === 'POST') return sessionAction(req, m[1] ?? '', m[2] ?? '')
    throw notFound(`${method} ${path}`)
  }

  /** Mutations answer `{ response, client }`; clerk-js updates its client from the piggybacked copy. */
  function wrap(
    client: ClientRecord | undefined,
    response: unknown = client && store.clientJSON(client)
  ): Reply {
    return { status: 200, body: { response, client: client ? store.clientJSON(client) : null }, client }
  }

  function destroyClient(req: Request): Reply {
    if (req.client) store.destroyClient(req.client)
    return {
      status: 200,
      body: { response: { object: 'client', id: req.client?.id, deleted: true }, client: null }
    }
  }

  function removeSessions(req: Request): Reply {
    const client = store.ensureClient(req)
    for (const id of client.sessionIds) store.endSession(id, 'removed')
    client.sessionIds = []
    client.lastActiveSessionId = null
    store.touch(client)
    return wrap(client)
  }

  function createSignIn(req: Request): Reply {
    const client = store.ensureClient(req)
    const identifier = req.body.identifier ?? ''
    const user = store.userByEmail(identifier)
    if (!user) {
      throw new FapiError(
        422,
        'form_identifier_not_found',
        "Couldn't find your account.",
        undefined,
        'identifier'
      )
    }
    const signIn = store.newSignIn(client, identifier, user.id)
    const password = req.body.password
    if (password !== undefined) attemptPassword(client, signIn, user, password)
    return wrap(client, signInJSON(signIn, user))
  }

  function signInAction(req: Request, id: string, action: string | undefined): Reply {
    const client = store.ensureClient(req)
    const signIn = store.signIns.get(id)
    if (!signIn || client.signInId !== id) throw notFound('Sign in')
    const user = signIn.userId ? store.users.get(signIn.userId) : undefined
    if (!user) throw notFound('Sign in')
    if (action === 'prepare_first_factor') prepareSignInCode(signIn, user, req.body)
    if (action === 'attempt_first_factor') {
      if (req.body.strategy === 'password') attemptPassword(client, signIn, user, req.body.password ?? '')
      else if (req.body.strategy === 'email_code')
        attemptSignInCode(client, signIn, user, req.body.code ?? '')
      else throw strategyInvalid()
    }
    return wrap(client, signInJSON(signIn, user))
  }

  function attemptPassword(client: ClientRecord, signIn: SignInRecord, user: UserRecord, password: string) {
    if (!user.password || user.password !== password) {
      throw new FapiError(
        422,
        'form_password_incorrect',
        'Password is incorrect. Try again, or use another method.',
        undefined,
        'password'
      )
    }
    completeSignIn(client, signIn, user, 'password')
  }

  function prepareSignInCode(signIn: SignInRecord, user: UserRecord, body: Record<string, string>) {
    if (body.strategy !== 'email_code') throw strategyInvalid()
    if (body.email_address_id && body.email_address_id !== user.emailId) throw notFound('Email address')
    signIn.firstFactor = sendCode(user.email)
  }

  function attemptSignInCode(client: ClientRecord, signIn: SignInRecord, user: UserRecord, code: string) {
    checkCode(signIn.firstFactor, user.email, code)
    completeSignIn(client, signIn, user, 'email_code')
  }

  function completeSignIn(client: ClientRecord, signIn: SignInRecord, user: UserRecord, strategy: string) {
    signIn.firstFactor = { status: 'verified', strategy, attempts: 1, expireAt: Date.now() + CODE_LIFETIME }
    signIn.status = 'complete'
    signIn.createdSessionId = store.newSession(client, user.id).id
    client.signInId = null
  }

  function createSignUp(req: Request): Reply {
    const client = store.ensureClient(req)
    const email = (req.body.email_address ?? '').trim().toLowerCase()
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
      throw new FapiError(
        422,
        'form_param_format_invalid',
        'is invalid',
        'email_address must be a valid email address.',
        'email_address'
      )
    }
    if (store.userByEmail(email)) {
      const taken = 'That email address is taken. Please try another.'
      throw new FapiError(422, 'form_identifier_exists', taken, taken, 'email_address')
    }
    const password = req.body.password
    if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) {
      const short = `Passwords must be ${MIN_PASSWORD_LENGTH} characters or more.`
      throw new FapiError(422, 'form_password_length_too_short', short, short, 'password')
    }
    const signUp = store.newSignUp(client, email, password)
    return wrap(client, signUpJSON(signUp))
  }

  function signUpAction(req: Request, id: string, action: string | undefined): Reply {
    const client = store.ensureClient(req)
    const signUp = store.signUps.get(id)
    if (!signUp || (client.signUpId !== id && signUp.status !== 'complete')) throw notFound('Sign up')
    if (action === 'prepare_verification') {
      if (req.body.strategy !== 'email_code') throw strategyInvalid()
      signUp.emailVerification = sendCode(signUp.email)
    }
    if (action === 'attempt_verification') {
      checkCode(signUp.emailVerification, signUp.email, req.body.code ?? '')
      completeSignUp(client, signUp)
    }
    return wrap(client, signUpJSON(signUp))
  }

  function completeSignUp(client: ClientRecord, signUp: SignUpRecord) {
    if (store.userByEmail(signUp.email)) {
      const taken = 'That email address is taken. Please try another.'
      throw new FapiError(422, 'form_identifier_exists', taken, taken, 'email_address')
    }
    const user = store.addUser({ userId: newId('user'), email: signUp.email, password: signUp.password })
    signUp.status = 'complete'
    signUp.createdUserId = user.id
    signUp.createdSessionId = store.newSession(client, user.id).id
    client.signUpId = null
  }

  async function sessionAction(req: Request, id: string, action: string): Promise<Reply> {
    const client = req.client
    const session = store.sessions.get(id)
    if (!client || !session || !client.sessionIds.includes(id) || session.status !== 'active')
      throw signedOut()
    if (action === 'tokens') {
      const jwt = await options.tokenFor(session.userId, req.origin, session.id)
      return { status: 200, body: { object: 'token', jwt }, client }
    }
    if (action === 'touch') {
      session.updatedAt = Date.now()
      client.lastActiveSessionId = id
      store.touch(client)
      return wrap(client, store.sessionJSON(session))
    }
    // end / remove: the session leaves the client
    store.endSession(id, action === 'end' ? 'ended' : 'removed')
    client.sessionIds = client.sessionIds.filter((s) => s !== id)
    if (client.lastActiveSessionId === id) client.lastActiveSessionId = client.sessionIds.at(-1) ?? null
    store.touch(client)
    return wrap(client, store.sessionJSON(session))
  }

  /** A new six-digit code for `email`, recorded where the test can read it. */
  function sendCode(email: string): Verification {
    sentCodes.push({ email, code: String(randomInt(0, 1_000_000)).padStart(6, '0') })
    return { status: 'unverified', strategy: 'email_code', attempts: 0, expireAt: Date.now() + CODE_LIFETIME }
  }

  function checkCode(verification: Verification | null, email: string, code: string) {
    if (verification?.strategy !== 'email_code') {
      throw new FapiError(
        400,
        'verification_missing',
        'Verification is missing',
        'This verification has not been prepared yet.'
      )
    }
    verification.attempts += 1
    const latest = sentCodes.findLast((sent) => sent.email === email)
    if (Date.now() > verification.expireAt) {
      verification.status = 'expired'
      throw new FapiError(
        422,
        'verification_expired',
        'Verification expired',
        'This verification has expired.'
      )
    }
    if (latest?.code !== code) {
      throw new FapiError(422, 'form_code_incorrect', 'is incorrect', 'Incorrect code', 'code')
    }
    verification.status = 'verified'
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    publishableKey: STAND_IN_PUBLISHABLE_KEY,
    sentCodes,
    requests,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

const strategyInvalid = () =>
  new FapiError(422, 'strategy_for_user_invalid', 'Invalid verification strategy', undefined, 'strategy')

/** The in-memory records and how they turn into the JSON clerk-js reads. */
function createStore(initialUsers: ClerkUser[]) {
  const users = new Map<string, UserRecord>()
  const clients = new Map<string, ClientRecord>() // by client token
  const sessions = new Map<string, SessionRecord>()
  const signIns = new Map<string, SignInRecord>()
  const signUps = new Map<string, SignUpRecord>()

  function addUser(user: ClerkUser): UserRecord {
    const record = {
      id: user.userId,
      emailId: newId('idn'),
      email: user.email.toLowerCase(),
      password: user.password,
      createdAt: Date.now()
    }
    users.set(record.id, record)
    return record
  }
  for (const user of initialUsers) addUser(user)

  const userByEmail = (email: string) =>
    [...users.values()].find((u) => u.email === email.trim().toLowerCase())

  /** The caller's client, created on its first mutation (as FAPI does); its token goes back in the header. */
  function ensureClient(req: Request): ClientRecord {
    if (req.client) return req.client
    const now = Date.now()
    const client: ClientRecord = {
      id: newId('client'),
      token: newId('ct'),
      sessionIds: [],
      signInId: null,
      signUpId: null,
      lastActiveSessionId: null,
      createdAt: now,
      updatedAt: now
    }
    clients.set(client.token, client)
    req.client = client
    return client
  }

  function destroyClient(client: ClientRecord) {
    for (const id of client.sessionIds) endSession(id, 'ended')
    clients.delete(client.token)
  }

  function touch(client: ClientRecord) {
    client.updatedAt = Date.now()
  }

  function newSignIn(client: ClientRecord, identifier: string, userId: string): SignInRecord {
    const signIn: SignInRecord = {
      id: newId('sia'),
      status: 'needs_first_factor',
      identifier,
      userId,
      firstFactor: null,
      createdSessionId: null,
      createdAt: Date.now()
    }
    signIns.set(signIn.id, signIn)
    client.signInId = signIn.id
    touch(client)
    return signIn
  }

  function newSignUp(client: ClientRecord, email: string, password: string | undefined): SignUpRecord {
    const signUp: SignUpRecord = {
      id: newId('sua'),
      status: 'missing_requirements',
      email,
      password,
      emailVerification: null,
      createdUserId: null,
      createdSessionId: null,
      createdAt: Date.now()
    }
    signUps.set(signUp.id, signUp)
    client.signUpId = signUp.id
    touch(client)
    return signUp
  }

  /** Single-session mode: a new session replaces the client's previous ones. */
  function newSession(client: ClientRecord, userId: string): SessionRecord {
    for (const id of client.sessionIds) endSession(id, 'ended')
    const now = Date.now()
    const session: SessionRecord = {
      id: newId('sess'),
      userId,
      status: 'active',
      createdAt: now,
      updatedAt: now
    }
    sessions.set(session.id, session)
    client.sessionIds = [session.id]
    client.lastActiveSessionId = session.id
    touch(client)
    return session
  }

  function endSession(id: string, status: 'ended' | 'removed') {
    const session = sessions.get(id)
    if (session) session.status = status
  }

  function sessionJSONOf(session: SessionRecord) {
    const user = users.get(session.userId)
    if (!user) throw notFound('User')
    return sessionJSON(session, user)
  }

  function clientJSON(client: ClientRecord) {
    const signIn = client.signInId ? signIns.get(client.signInId) : undefined
    const signUp = client.signUpId ? signUps.get(client.signUpId) : undefined
    return {
      object: 'client',
      id: client.id,
      sessions: client.sessionIds.flatMap((id) => {
        const session = sessions.get(id)
        return session ? [sessionJSONOf(session)] : []
      }),
      sign_in: signIn ? signInJSON(signIn, signIn.userId ? users.get(signIn.userId) : undefined) : null,
      sign_up: signUp ? signUpJSON(signUp) : null,
      last_active_session_id: client.lastActiveSessionId,
      captcha_bypass: false,
      cookie_expires_at: null,
      created_at: client.createdAt,
      updated_at: client.updatedAt
    }
  }

  return {
    users,
    clients,
    sessions,
    signIns,
    signUps,
    addUser,
    userByEmail,
    ensureClient,
    destroyClient,
    touch,
    newSignIn,
    newSignUp,
    newSession,
    endSession,
    sessionJSON: sessionJSONOf,
    clientJSON
  }
}

type Store = ReturnType<typeof createStore>

/** Method (clerk-js tunnels DELETE/PATCH/PUT through POST with `_method`), path, form body and client. */
async function parseRequest(req: IncomingMessage, store: Store): Promise<Request> {
  const url = new URL(req.url ?? '/', 'http://stand-in')
  const method = (url.searchParams.get('_method') ?? req.method ?? 'GET').toUpperCase()
  const raw = await readBody(req)
  const type = req.headers['content-type'] ?? ''
  const body: Record<string, string> = type.includes('application/json')
    ? (JSON.parse(raw || '{}') as Record<string, string>)
    : Object.fromEntries(new URLSearchParams(raw))
  // Native clients send the token raw (Expo) or as a bearer token; accept both.
  const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '')
  return {
    method,
    path: url.pathname.replace(/\/+$/, ''),
    body,
    origin: req.headers.origin,
    client: token ? store.clients.get(token) : undefined
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Writes a JSON answer with the CORS headers a cross-origin, header-authenticated client needs. */
function send(
  res: ServerResponse,
  req: IncomingMessage,
  status: number,
  body: unknown,
  clientToken?: string
) {
  const origin = req.headers.origin
  res.setHeader('access-control-allow-origin', origin ?? '*')
  res.setHeader('vary', 'Origin')
  res.setHeader('access-control-allow-credentials', 'true')
  res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS')
  res.setHeader(
    'access-control-allow-headers',
    req.headers['access-control-request-headers'] ?? 'authorization, content-type, x-clerk-protect-st'
  )
  // clerk-js reads the rotated client token from the Authorization response header.
  res.setHeader('access-control-expose-headers', 'Authorization, x-country, retry-after')
  res.setHeader('access-control-max-age', '600')
  if (clientToken) res.setHeader('authorization', clientToken)
  if (body === undefined) {
    res.writeHead(status)
    res.end()
    return
  }
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}
