// The current space's groups as tabs: drag or Alt+←/→ to reorder, drop a bookmark on a tab to move it there.
// The strip scrolls sideways (wheel too), keeps the open tab in view, moves focus with ←/→/Home/End, and lists
// every group in an overflow menu once they do not all fit.
import { A, useNavigate } from '@solidjs/router'
import { createEffect, createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { moveBookmark, reorder, stepOrder } from '../../store/actions'
import { useStore } from '../../store/data-store'
import type { Group } from '../../store/types'
import { draggable, dropOrder } from '../../ui/drag'
import { ChevronDownIcon, PlusIcon } from '../../ui/icons'
import { Menu } from '../../ui/menu'
import { showError } from '../../ui/toast'
import { openDialog } from '../../view-state'
import { archive } from '../archive/archive-with-undo'
import { confirmDelete } from '../delete/confirm-delete'
import { CONFIRM_ABOVE, groupUrls, type OpenGroupMode, openGroupAsTabs, windowTabs } from './open-group'

export function GroupTabs(props: { spaceId: string; groups: Group[]; activeId: string | undefined }) {
  const store = useStore()
  const ids = () => props.groups.map((g) => g.id)
  const step = (group: Group, delta: number) => {
    const next = stepOrder(ids(), group.id, delta)
    if (next) void reorder(store, 'group', props.spaceId, next)
  }
  const navigate = useNavigate()
  // Straight from the click (or the confirm button): Chrome asks for tabGroups only inside a gesture.
  const openAll = (group: Group, mode: OpenGroupMode) => {
    const count = groupUrls(store.state, group.id).length
    if (count === 0) return showError(`“${group.name}” has no bookmarks to open`)
    const run = () => void openGroupAsTabs(store.snapshot(), group.id, mode)
    if (count <= CONFIRM_ABOVE) return run()
    openDialog({
      kind: 'confirm',
      title: `Open ${count} tabs?`,
      message: `“${group.name}” has ${count} bookmarks; each opens in its own tab.`,
      confirmLabel: `Open ${count} tabs`,
      onConfirm: run
    })
  }
  const saveWindow = () =>
    void windowTabs().then(
      (tabs) => {
        if (!tabs)
          return showError('Saving this window’s tabs needs permission to read their titles and addresses')
        if (tabs.length === 0)
          return showError(
            'No tabs in this window to save (pinned tabs and this extension’s pages are left out)'
          )
        openDialog({ kind: 'save-tabs', spaceId: props.spaceId, tabs })
      },
      (error: unknown) => showError(String(error))
    )
  let strip!: HTMLDivElement
  const [overflows, setOverflows] = createSignal(false)
  const links = () => Array.from(strip.querySelectorAll<HTMLElement>('[role="tab"]'))
  const focusTab = (from: HTMLElement, key: string) => {
    const all = links()
    const at = all.indexOf(from)
    const to = key === 'Home' ? 0 : key === 'End' ? all.length - 1 : at + (key === 'ArrowLeft' ? -1 : 1)
    all[Math.max(0, Math.min(all.length - 1, to))]?.focus()
  }

  onMount(() => {
    // A vertical wheel scrolls the strip sideways, as a mouse without a horizontal wheel needs.
    const onWheel = (event: WheelEvent) => {
      if (strip.scrollWidth <= strip.clientWidth || Math.abs(event.deltaX) > Math.abs(event.deltaY)) return
      event.preventDefault()
      strip.scrollLeft += event.deltaY
    }
    strip.addEventListener('wheel', onWheel, { passive: false })
    const measure = () => setOverflows(strip.scrollWidth > strip.clientWidth + 1)
    window.addEventListener('resize', measure)
    onCleanup(() => {
      strip.removeEventListener('wheel', onWheel)
      window.removeEventListener('resize', measure)
    })
  })
  createEffect(() => {
    const id = props.activeId
    void props.groups.length
    setOverflows(strip.scrollWidth > strip.clientWidth + 1)
    // Optional: jsdom, where the component tests run, has no scrollIntoView.
    strip.querySelector(`[data-group-id="${id}"]`)?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' })
  })

  return (
    <>
      <div ref={strip} class="tabs" role="tablist" aria-label="Groups">
        <For each={props.groups}>
          {(group) => {
            let openMenu: ((x: number, y: number) => void) | undefined
            return (
              <div
                class="tab"
                classList={{ active: props.activeId === group.id }}
                data-group-id={group.id}
                draggable="true"
                ref={(el) =>
                  draggable(el, () => ({
                    item: { entity: 'group', id: group.id },
                    accepts: (drag) =>
                      drag.entity === 'group' ? 'sort' : drag.entity === 'bookmark' ? 'into' : undefined,
                    onDrop: (drag, position) => {
                      if (drag.entity === 'group') {
                        void reorder(
                          store,
                          'group',
                          props.spaceId,
                          dropOrder(ids(), drag.id, group.id, position)
                        )
                      } else if (drag.entity === 'bookmark') {
                        void moveBookmark(store, drag.id, group.id)
                      }
                    }
                  }))
                }
              >
                <A
                  class="tab-link"
                  href={`/space/${props.spaceId}/${group.id}`}
                  role="tab"
                  aria-selected={props.activeId === group.id}
                  // One Tab stop for the strip; ←/→ move between tabs (the ARIA tabs pattern).
                  tabIndex={
                    props.activeId === group.id || (!props.activeId && group === props.groups[0]) ? 0 : -1
                  }
                  onContextMenu={(event) => {
                    event.preventDefault()
                    openMenu?.(event.clientX, event.clientY)
                  }}
                  title="Alt+←/→ to move"
                  onKeyDown={(event) => {
                    const sideways = event.key === 'ArrowLeft' || event.key === 'ArrowRight'
                    if (event.altKey && sideways) {
                      event.preventDefault()
                      step(group, event.key === 'ArrowLeft' ? -1 : 1)
                    } else if (sideways || event.key === 'Home' || event.key === 'End') {
                      event.preventDefault()
                      focusTab(event.currentTarget, event.key)
                    }
                  }}
                >
                  {group.icon ? <span aria-hidden="true">{group.icon}</span> : null}
                  {group.name}
                </A>
                <Menu
                  label={`Group ${group.name} actions`}
                  onContext={(open) => {
                    openMenu = open
                  }}
                  items={[
                    {
                      label: 'Edit',
                      run: () => openDialog({ kind: 'group', spaceId: props.spaceId, group })
                    },
                    { label: 'Move left', run: () => step(group, -1) },
                    { label: 'Open all in this window', run: () => openAll(group, 'this-window') },
                    { label: 'Open all as a tab group', run: () => openAll(group, 'tab-group') },
                    { label: 'Open all in a new window', run: () => openAll(group, 'new-window') },
                    { label: 'Save this window’s tabs as a new group…', run: saveWindow },
                    { label: 'Move right', run: () => step(group, 1) },
                    {
                      label: 'Move to space…',
                      run: () => openDialog({ kind: 'move', entity: 'group', id: group.id })
                    },
                    { label: 'Archive', run: () => archive(store, 'group', group.id, group.name) },
                    {
                      label: 'Delete',
                      danger: true,
                      run: () => confirmDelete(store, 'group', group.id, group.name)
                    }
                  ]}
                />
              </div>
            )
          }}
        </For>
        <button
          type="button"
          class="icon-button"
          aria-label="New group"
          title="New group"
          onClick={() => openDialog({ kind: 'group', spaceId: props.spaceId })}
        >
          <PlusIcon />
        </button>
      </div>
      <Show when={overflows()}>
        <Menu
          label={`All groups (${props.groups.length})`}
          icon={<ChevronDownIcon />}
          items={props.groups.map((g) => ({
            label: `${props.activeId === g.id ? '✓ ' : ''}${g.icon ? `${g.icon} ` : ''}${g.name}`,
            run: () => navigate(`/space/${props.spaceId}/${g.id}`)
          }))}
        />
      </Show>
    </>
  )
}
