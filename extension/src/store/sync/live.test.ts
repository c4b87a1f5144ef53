// The live channel's reconnect schedule: exponential, jittered, capped, reset by a healthy connection.
import { describe, expect, it } from 'vitest'
import { LIVE_CLOSE } from '../../../../model/live'
import { backoffDelay, HEALTHY_MS, liveUrl, RECONNECT_BASE_MS, RECONNECT_CAP_MS, reconnectPlan } from './live'

const low = () => 0
const high = () => 1

describe('backoffDelay', () => {
  it('doubles from the base, each wait within the upper half of its step', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, high))).toEqual([500, 1000, 2000, 4000])
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, low))).toEqual([250, 500, 1000, 2000])
    expect(backoffDelay(0, () => 0.5)).toBe(RECONNECT_BASE_MS * 0.75)
  })

  it('never waits longer than the cap, however many attempts failed', () => {
    for (const attempt of [6, 7, 20, 1000]) {
      expect(backoffDelay(attempt, high)).toBe(RECONNECT_CAP_MS)
      expect(backoffDelay(attempt, low)).toBe(RECONNECT_CAP_MS / 2)
    }
  })
})

describe('reconnectPlan', () => {
  const failed = { code: 1006, openForMs: 0 }

  it('backs off further after each failed attempt', () => {
    let attempt = 0
    const waits: number[] = []
    for (let i = 0; i < 5; i++) {
      const plan = reconnectPlan(attempt, failed, high)
      waits.push(plan.delayMs)
      attempt = plan.attempt
    }
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000])
  })

  it('starts afresh after a healthy connection drops', () => {
    expect(reconnectPlan(6, { code: 1006, openForMs: HEALTHY_MS }, high)).toEqual({
      delayMs: 500,
      attempt: 1
    })
    expect(reconnectPlan(6, { code: 1006, openForMs: HEALTHY_MS - 1 }, high).delayMs).toBe(RECONNECT_CAP_MS)
  })

  it('reconnects at once when a healthy socket closes for an expired token', () => {
    const expired = { code: LIVE_CLOSE.tokenExpired, openForMs: 55_000 }
    expect(reconnectPlan(3, expired, high)).toEqual({ delayMs: 0, attempt: 1 })
  })

  it('backs off when the token had expired already as the socket opened (no reconnect loop)', () => {
    const early = { code: LIVE_CLOSE.tokenExpired, openForMs: 20 }
    const first = reconnectPlan(1, early, high)
    expect(first.delayMs).toBe(1000)
    expect(reconnectPlan(first.attempt, early, high).delayMs).toBe(2000)
  })
})

describe('liveUrl', () => {
  it('is the API origin over ws:// or wss://', () => {
    expect(liveUrl('http://127.0.0.1:8787')).toBe('ws://127.0.0.1:8787/v1/live')
    expect(liveUrl('https://api.example.com/')).toBe('wss://api.example.com/v1/live')
  })
})
