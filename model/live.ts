// The live channel's wire protocol (GET /v1/live), written once for the Worker and the extension.

/** The subprotocol both sides name; the server answers with it. */
export const LIVE_PROTOCOL = 'bookmarks-live'

/**
 * A browser cannot set an Authorization header on a WebSocket, so the session token travels as a second offered
 * subprotocol, `bearer.<token>` (a JWT is made of characters a subprotocol may hold). Not a query parameter: URLs
 * end up in access logs and proxies' traces, a request header does not.
 */
export const LIVE_TOKEN_PREFIX = 'bearer.'

/** What the client offers: the protocol and its token. */
export const liveProtocols = (token: string): string[] => [LIVE_PROTOCOL, `${LIVE_TOKEN_PREFIX}${token}`]

/** The only message the server sends: "something of yours changed; pull". It carries no data. */
export const POKE_MESSAGE = '{"type":"poke"}'

/** Keep-alive: the client sends PING now and then, the server answers PONG without waking its object. */
export const LIVE_PING = 'ping'
export const LIVE_PONG = 'pong'

/** Close codes of the application range (4000–4999) the client acts on. */
export const LIVE_CLOSE = {
  /** The token the socket was opened with has expired: reconnect at once with a fresh one. */
  tokenExpired: 4001
} as const
