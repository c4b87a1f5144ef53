// The top bar: group tabs (given as children), search, and the user menu with theme, import/export, archive.
import type { JSX } from 'solid-js'
import { MenuIcon, SearchIcon } from '../../ui/icons'
import { Menu } from '../../ui/menu'
import { openDialog } from '../../view-state'
import { setTheme, theme } from '../theme/theme'

export function TopBar(props: { children?: JSX.Element }) {
  const mark = (value: string) => (theme() === value ? '✓ ' : '　')
  return (
    <header class="topbar">
      {props.children ?? <div class="tabs" />}
      <button type="button" class="search-button" onClick={() => openDialog({ kind: 'search' })}>
        <SearchIcon /> Search <kbd>/</kbd>
      </button>
      <Menu
        label="User menu"
        icon={<MenuIcon />}
        items={[
          { label: `${mark('light')}Light theme`, run: () => setTheme('light') },
          { label: `${mark('dark')}Dark theme`, run: () => setTheme('dark') },
          { label: `${mark('system')}System theme`, run: () => setTheme('system') },
          { label: 'Import & export…', run: () => openDialog({ kind: 'import' }) },
          { label: 'Archive…', run: () => openDialog({ kind: 'archive' }) }
        ]}
      />
    </header>
  )
}
