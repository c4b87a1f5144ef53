// View state, apart from data: which dialog is open and what the person last looked at.
import { createSignal } from 'solid-js'
import { readLocal as read, writeLocal as write } from './local-storage'

/**
 * The fields each kind of dialog is opened with. Each `<kind>-dialog.tsx` adds its own entry (`declare module`
 * on this file) beside its component, so that this file lists no dialog and imports none.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the dialog modules' declarations.
export interface DialogFields {}

export type DialogKind = keyof DialogFields

/** An open dialog: its kind and its fields, e.g. `{ kind: 'move', entity: 'group', id }`. */
export type DialogSpec = { [K in DialogKind]: { kind: K } & DialogFields[K] }[DialogKind]

/** What every dialog component is given: the fields it was opened with, and how to close it. */
export type DialogProps<K extends DialogKind> = DialogFields[K] & { onClose: () => void }

/** The fields of a dialog that is opened with none. */
export type NoFields = Record<never, never>

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

const SIDEBAR = 'bookmarks-index:sidebar'
/** A narrow window starts with the sidebar folded; what the person chose last is kept across new tabs. */
const [sidebarCollapsed, setSidebarCollapsed] = createSignal(
  read(SIDEBAR) === null
    ? typeof window !== 'undefined' && window.innerWidth < 960
    : read(SIDEBAR) === 'collapsed'
)

export { sidebarCollapsed }
export const toggleSidebar = (): void => {
  const next = !sidebarCollapsed()
  setSidebarCollapsed(next)
  write(SIDEBAR, next ? 'collapsed' : 'expanded')
}
