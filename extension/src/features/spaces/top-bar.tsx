// The top bar: group tabs (given as children), search, and the user menu with theme, import/export, archive,
// duplicates and the account (sign in or out, delete its data).
import type { JSX } from 'solid-js'
import { useSession } from '../../session/session-context'
import { MenuIcon, SearchIcon } from '../../ui/icons'
import { Menu, type MenuItem } from '../../ui/menu'
import { showError } from '../../ui/toast'
import { openDialog } from '../../view-state'
import { SyncStatusBadge } from '../account/sync-status'
import { setTheme, theme } from '../theme/theme'

const failed = (what: string) => (error: unknown) =>
  showError(`${what}: ${error instanceof Error ? error.message : String(error)}`)

export function TopBar(props: { children?: JSX.Element }) {
  const session = useSession()
  const mark = (value: string) => (theme() === value ? '✓ ' : '　')
  const accountItems = (): MenuItem[] => {
    if (!session.signInAvailable) return []
    const user = session.signedInAs()
    if (user)
      return [
        {
          label: `Sign out (${session.accountLabel() ?? user})`,
          run: () => void session.signOut().catch(failed('Sign-out failed'))
        },
        {
          label: 'Delete account data…',
          danger: true,
          run: () =>
            openDialog({
              kind: 'delete-account',
              account: session.accountLabel() ?? user,
              run: (keepCopy) => session.deleteAccountData({ keepCopy })
            })
        }
      ]
    return [
      {
        label: session.busy() ? 'Signing in…' : 'Sign in',
        run: () => void session.signIn().catch(failed('Sign-in failed'))
      }
    ]
  }
  return (
    <header class="topbar">
      {props.children ?? <div class="tabs" />}
      <button type="button" class="search-button" onClick={() => openDialog({ kind: 'search' })}>
        <SearchIcon /> Search <kbd>/</kbd>
      </button>
      <SyncStatusBadge
        status={session.syncStatus()}
        onOpenSetAside={() => openDialog({ kind: 'set-aside' })}
      />
      <Menu
        label="User menu"
        icon={<MenuIcon />}
        items={[
          { label: `${mark('light')}Light theme`, run: () => setTheme('light') },
          { label: `${mark('dark')}Dark theme`, run: () => setTheme('dark') },
          { label: `${mark('system')}System theme`, run: () => setTheme('system') },
          { label: 'Import & export…', run: () => openDialog({ kind: 'import' }) },
          { label: 'Archive…', run: () => openDialog({ kind: 'archive' }) },
          { label: 'Find duplicates…', run: () => openDialog({ kind: 'duplicates' }) },
          { label: 'Mirror to Chrome bookmarks…', run: () => openDialog({ kind: 'mirror' }) },
          ...accountItems()
        ]}
      />
    </header>
  )
}
