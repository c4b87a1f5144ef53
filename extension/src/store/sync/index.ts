// The sync layer's public surface, for the sign-in and app wiring (see engine.ts for the rules).
export {
  createSyncEngine,
  type RejectedMutation,
  type SetAside,
  type SyncEngine,
  type SyncEngineOptions,
  type SyncState,
  type SyncStatus
} from './engine'
export { type LiveChannel, type LiveOptions, startLive } from './live'
export { describeChange, describeRejection, describeSetAsideReason } from './messages'
export {
  type MigrationAction,
  type MigrationChoice,
  type MigrationPlan,
  type MigrationReport,
  planMigration,
  runMigration
} from './migrate'
