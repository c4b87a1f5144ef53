import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, inject, it, vi } from 'vitest'
import { createApp } from '../app'
import { tokenFor, uniqueUser } from '../test/helpers'

/** Everything the Worker wrote to the console while `run` ran, as text (errors with their causes and stacks). */
async function captureLogs(run: () => Promise<void>): Promise<string[]> {
  const lines: string[] = []
  const describe = (value: unknown, depth = 0): string => {
    if (value instanceof Error) {
      const own = JSON.stringify({ ...value })
      const cause =
        depth < 4 && value.cause !== undefined ? ` cause: ${describe(value.cause, depth + 1)}` : ''
      return `${value.name}: ${value.message} ${value.stack ?? ''} ${own}${cause}`
    }
    return typeof value === 'string' ? value : JSON.stringify(value)
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((arg) => describe(arg)).join(' '))
    })
  }
  await run()
  return lines
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('error logs', () => {
  it("a failing query logs its SQLSTATE and ids, never the SQL, its parameters or the user's text", async () => {
    // The real app on the real database, with a search_path that holds no tables: every statement fails
    // (42P01, relation does not exist) after the request's values were bound into it.
    const url = new URL(inject('databaseUrl'))
    url.searchParams.set('options', '-c search_path=no_such_schema')
    const brokenEnv = { ...env, HYPERDRIVE: { ...env.HYPERDRIVE, connectionString: url.toString() } }
    const user = uniqueUser('logged')
    const secretName = `Diary of ${crypto.randomUUID()}`
    const secretUrl = `https://private.example/${crypto.randomUUID()}`
    let status = 0
    const lines = await captureLogs(async () => {
      for (const [path, body] of [
        ['/v1/spaces', { name: secretName }],
        ['/v1/bookmarks', { groupId: 'group_x', title: secretName, url: secretUrl }]
      ] as const) {
        const res = await createApp().request(
          path,
          {
            method: 'POST',
            headers: {
              authorization: `Bearer ${await tokenFor(user)}`,
              'content-type': 'application/json',
              'cf-ray': 'test-ray-1'
            },
            body: JSON.stringify(body)
          },
          brokenEnv
        )
        status = res.status
        await res.body?.cancel()
      }
    })
    expect(status).toBe(500)
    expect(lines.length).toBeGreaterThan(0)
    const text = lines.join('\n')
    expect(text).not.toContain(secretName)
    expect(text).not.toContain(secretUrl)
    expect(text).not.toMatch(/insert into|select |params:/i)
    // What is there: one JSON line per failure with the codes and ids to find the request by.
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(entries[0]).toMatchObject({
      level: 'error',
      status: 500,
      code: 'internal_error',
      method: 'POST',
      route: '/v1/spaces',
      ray: 'test-ray-1',
      userId: user
    })
    expect(JSON.stringify(entries[0]?.errors)).toContain('42P01')
  })
})
