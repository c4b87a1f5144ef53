// The ownership rule, enforced by PostgreSQL itself (composite foreign keys in migrations/): a group's
// space, and a bookmark's group and space, always belong to the same user. Plain SQL through Hyperdrive,
// no API in between, so no application check can hide a hole in the schema.
import { describe, expect, it } from 'vitest'
import { testSql, uniqueId, uniqueUser } from '../test/helpers'

const FOREIGN_KEY_VIOLATION = '23503'

async function createUser(label: string) {
  const sql = testSql()
  const user = uniqueUser(label)
  const space = uniqueId('space')
  const otherSpace = uniqueId('space')
  const group = uniqueId('group')
  await sql`insert into users (id) values (${user})`
  await sql`insert into spaces (id, user_id, name, position)
    values (${space}, ${user}, 'Main', 'a0'), (${otherSpace}, ${user}, 'Other', 'a1')`
  await sql`insert into groups (id, user_id, space_id, name, position) values (${group}, ${user}, ${space}, 'Links', 'a0')`
  return { user, space, otherSpace, group }
}

function insertBookmark(id: string, user: string, space: string, group: string) {
  const sql = testSql()
  return sql`insert into bookmarks (id, user_id, space_id, group_id, title, url, position)
    values (${id}, ${user}, ${space}, ${group}, 'Example', 'https://example.com', 'a0')`.execute()
}

describe('ownership keys', () => {
  it("refuses a bookmark in another user's group", async () => {
    const alice = await createUser('alice')
    const bob = await createUser('bob')
    // Alice's id and space, Bob's group.
    await expect(
      insertBookmark(uniqueId('bookmark'), alice.user, alice.space, bob.group)
    ).rejects.toMatchObject({
      code: FOREIGN_KEY_VIOLATION
    })
    // Alice's id with Bob's space and group.
    await expect(
      insertBookmark(uniqueId('bookmark'), alice.user, bob.space, bob.group)
    ).rejects.toMatchObject({
      code: FOREIGN_KEY_VIOLATION
    })
    const [row] = await testSql()`select count(*)::int as n from bookmarks where group_id = ${bob.group}`
    expect(row?.n).toBe(0)
  })

  it('accepts a bookmark in the same user’s group and space', async () => {
    const alice = await createUser('alice')
    const id = uniqueId('bookmark')
    await insertBookmark(id, alice.user, alice.space, alice.group)
    const [row] = await testSql()`select user_id, space_id, group_id from bookmarks where id = ${id}`
    expect(row).toEqual({ user_id: alice.user, space_id: alice.space, group_id: alice.group })
  })

  it("refuses a group in another user's space", async () => {
    const alice = await createUser('alice')
    const bob = await createUser('bob')
    const sql = testSql()
    await expect(
      sql`insert into groups (id, user_id, space_id, name, position) values (${uniqueId('group')}, ${alice.user}, ${bob.space}, 'X', 'a0')`.execute()
    ).rejects.toMatchObject({ code: FOREIGN_KEY_VIOLATION })
    // Moving an existing group into another user's space is refused too.
    await expect(
      sql`update groups set space_id = ${bob.space} where id = ${alice.group}`.execute()
    ).rejects.toMatchObject({ code: FOREIGN_KEY_VIOLATION })
  })

  it("refuses a bookmark whose space is not its group's space", async () => {
    const alice = await createUser('alice')
    await expect(
      insertBookmark(uniqueId('bookmark'), alice.user, alice.otherSpace, alice.group)
    ).rejects.toMatchObject({ code: FOREIGN_KEY_VIOLATION })
  })

  it("moving a group to another space carries its bookmarks' space_id (ON UPDATE CASCADE)", async () => {
    const alice = await createUser('alice')
    const ids = [uniqueId('bookmark'), uniqueId('bookmark')]
    for (const id of ids) await insertBookmark(id, alice.user, alice.space, alice.group)
    const sql = testSql()
    await sql`update groups set space_id = ${alice.otherSpace} where id = ${alice.group}`
    const rows = await sql`select space_id from bookmarks where id in ${sql(ids)}`
    expect(rows.map((r) => r.space_id)).toEqual([alice.otherSpace, alice.otherSpace])
  })

  it('a bookmark cannot be moved alone into a space its group is not in', async () => {
    const alice = await createUser('alice')
    const id = uniqueId('bookmark')
    await insertBookmark(id, alice.user, alice.space, alice.group)
    await expect(
      testSql()`update bookmarks set space_id = ${alice.otherSpace} where id = ${id}`.execute()
    ).rejects.toMatchObject({ code: FOREIGN_KEY_VIOLATION })
  })
})

describe('hard delete cascades', () => {
  it('deleting a group deletes its bookmarks', async () => {
    const alice = await createUser('alice')
    const id = uniqueId('bookmark')
    await insertBookmark(id, alice.user, alice.space, alice.group)
    const sql = testSql()
    await sql`delete from groups where id = ${alice.group}`
    expect(await sql`select id from bookmarks where id = ${id}`).toHaveLength(0)
  })

  it('deleting a space deletes its groups and their bookmarks', async () => {
    const alice = await createUser('alice')
    const id = uniqueId('bookmark')
    await insertBookmark(id, alice.user, alice.space, alice.group)
    const sql = testSql()
    await sql`delete from spaces where id = ${alice.space}`
    expect(await sql`select id from groups where id = ${alice.group}`).toHaveLength(0)
    expect(await sql`select id from bookmarks where id = ${id}`).toHaveLength(0)
    expect(await sql`select id from spaces where id = ${alice.otherSpace}`).toHaveLength(1)
  })

  it("deleting a user deletes all of their rows and nobody else's", async () => {
    const alice = await createUser('alice')
    const bob = await createUser('bob')
    await insertBookmark(uniqueId('bookmark'), alice.user, alice.space, alice.group)
    const bobBookmark = uniqueId('bookmark')
    await insertBookmark(bobBookmark, bob.user, bob.space, bob.group)
    const sql = testSql()
    await sql`delete from users where id = ${alice.user}`
    for (const table of ['spaces', 'groups', 'bookmarks']) {
      const [row] = await sql`select count(*)::int as n from ${sql(table)} where user_id = ${alice.user}`
      expect(row?.n, table).toBe(0)
    }
    expect(await sql`select id from bookmarks where id = ${bobBookmark}`).toHaveLength(1)
  })
})
