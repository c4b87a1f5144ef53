import { describe, expect, it } from 'vitest'
import { isDatabaseUnavailable, toApiError } from './errors'

const drizzleError = (message: string, cause: unknown) =>
  Object.assign(new Error(`Failed query: ${message}`), { query: message, params: [], cause })

describe('isDatabaseUnavailable', () => {
  it('sees connection failures on the error or its driver cause', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true)
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: '08006' }))).toBe(true)
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: '57P03' }))).toBe(true)
    expect(
      isDatabaseUnavailable(drizzleError('select 1', new Error('proxy request failed, cannot connect')))
    ).toBe(true)
    expect(
      isDatabaseUnavailable(
        drizzleError('select 1', Object.assign(new Error('x'), { code: 'CONNECT_TIMEOUT' }))
      )
    ).toBe(true)
  })

  it('does not read user data in a failed query’s text as an outage', () => {
    const err = drizzleError(
      'insert … params: How to connect a socket',
      Object.assign(new Error('boom'), { code: '22001' })
    )
    expect(isDatabaseUnavailable(err)).toBe(false)
    expect(toApiError(err).status).toBe(500)
  })

  it('turns text PostgreSQL cannot store (NUL, \\u0000) into a 400, not a 500', () => {
    for (const code of ['22021', '22P05']) {
      const api = toApiError(
        drizzleError('insert …', Object.assign(new Error('invalid byte sequence'), { code }))
      )
      expect(api.status).toBe(400)
      expect(api.code).toBe('validation_failed')
    }
  })

  it('turns unknown errors into a 500 without internals', () => {
    const api = toApiError(new Error('secret stack detail'))
    expect(api.status).toBe(500)
    expect(api.message).not.toContain('secret')
  })
})
