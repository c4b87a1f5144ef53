// The Worker's own statements, bundled for Node by loadWorkerQueries(): the baseline runs exactly the SQL
// the routes run, straight through node-postgres (the Worker's driver), with no Worker, HTTP, auth or Hyperdrive in between.
export { createDb } from '../../worker/db/client'
export * as bookmarks from '../../worker/routes/bookmarks/bookmarks.queries'
export * as groups from '../../worker/routes/groups/groups.queries'
export * as me from '../../worker/routes/me/me.queries'
export * as spaces from '../../worker/routes/spaces/spaces.queries'
