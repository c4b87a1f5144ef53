// The current space's groups as tabs: drag or Alt+←/→ to reorder, drop a bookmark on a tab to move it there.
import { A } from '@solidjs/router'
import { For } from 'solid-js'
import { moveBookmark, reorder, stepOrder, updateGroup } from '../../store/actions'
import { useStore } from '../../store/data-store'
import type { Group } from '../../store/types'
import { draggable, dropOrder } from '../../ui/drag'
import { PlusIcon } from '../../ui/icons'
import { Menu } from '../../ui/menu'
import { openDialog } from '../../view-state'
import { confirmDelete } from '../delete/confirm-delete'

export function GroupTabs(props: { spaceId: string; groups: Group[]; activeId: string | undefined }) {
  const store = useStore()
  const ids = () => props.groups.map((g) => g.id)
  const step = (group: Group, delta: number) => {
    const next = stepOrder(ids(), group.id, delta)
    if (next) void reorder(store, 'group', props.spaceId, next)
  }

  return (
    <div class="tabs" role="tablist" aria-label="Groups">
      <For each={props.groups}>
        {(group) => (
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
                    void reorder(store, 'group', props.spaceId, dropOrder(ids(), drag.id, group.id, position))
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
              title="Alt+←/→ to move"
              onKeyDown={(event) => {
                if (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
                  event.preventDefault()
                  step(group, event.key === 'ArrowLeft' ? -1 : 1)
                }
              }}
            >
              {group.icon ? <span aria-hidden="true">{group.icon}</span> : null}
              {group.name}
            </A>
            <Menu
              label={`Group ${group.name} actions`}
              items={[
                { label: 'Edit', run: () => openDialog({ kind: 'group', spaceId: props.spaceId, group }) },
                { label: 'Move left', run: () => step(group, -1) },
                { label: 'Move right', run: () => step(group, 1) },
                {
                  label: 'Move to space…',
                  run: () => openDialog({ kind: 'move', entity: 'group', id: group.id })
                },
                { label: 'Archive', run: () => updateGroup(store, group.id, { isArchived: true }) },
                {
                  label: 'Delete',
                  danger: true,
                  run: () => confirmDelete(store, 'group', group.id, group.name)
                }
              ]}
            />
          </div>
        )}
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
  )
}
