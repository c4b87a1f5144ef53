// View state, apart from data: which dialog is open and what the person last looked at.
import { createSignal } from 'solid-js'
import type { SignInFlow } from './features/account/clerk-flow'
import type { RunMigration } from './features/account/migration-dialog'
import { readLocal as read, writeLocal as write } from './local-storage'
import type { MigrationPlan } from './store/sync/migrate'
import type { Bookmark, Group, Space } from './store/types'

export type DialogSpec =
  | { kind: 'space'; space?: Space }
  | { kind: 'group'; spaceId: string; group?: Group }
  | { kind: 'bookmark'; groupId: string; bookmark?: Bookmark }
  | { kind: 'confirm'; title: string; message: string; confirmLabel: string; onConfirm: () => void }
  | { kind: 'move'; entity: 'group' | 'bookmark'; id: string }
  | { kind: 'import' }
  | { kind: 'archive' }
  | { kind: 'search' }
  | { kind: 'migration'; plan: MigrationPlan; run: RunMigration; onDone: () => void }
  /** `onDone(true)` once signed in, `onDone(false)` when the person gave up. */
  | { kind: 'sign-in'; flow: SignInFlow; onDone: (signedIn: boolean) => void }

const [dialog, setDialog] = createSignal<DialogSpec | null>(null)

export { dialog }
export const openDialog = (spec: DialogSpec): void => {
  setDialog(spec)
}
export const closeDialog = (): void => {
  setDialog(null)
}

const LAST_SPACE = 'bookmarks-index:last-space'
const lastGroupKey = (spaceId: string) => `bookmarks-index:last-group:${spaceId}`

export const lastSpaceId = (): string | null => read(LAST_SPACE)
export const rememberSpace = (id: string): void => write(LAST_SPACE, id)
export const lastGroupId = (spaceId: string): string | null => read(lastGroupKey(spaceId))
export const rememberGroup = (spaceId: string, groupId: string): void => write(lastGroupKey(spaceId), groupId)
