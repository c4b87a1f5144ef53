// The whole database schema behind one import, for the Drizzle client and drizzle-kit.
export * from './account-resets'
export * from './bookmarks'
export * from './groups'
export * from './spaces'
export * from './sync-mutations'
export * from './users'
