// One space: its groups as tabs on top and the selected group's bookmarks below, with teaching empty states.
import { Navigate, useNavigate, useParams } from '@solidjs/router'
import { createEffect, createMemo, Match, Show, Switch } from 'solid-js'
import { rememberCaptureTarget } from '../../background/capture-target'
import { useStore } from '../../store/data-store'
import { shownBookmarks, sortedGroups } from '../../store/selectors'
import { FolderIcon } from '../../ui/icons'
import { lastGroupId, openDialog, rememberGroup, rememberSpace } from '../../view-state'
import { BookmarkGrid } from '../bookmarks/bookmark-grid'
import { GroupTabs } from '../groups/group-tabs'
import { TopBar } from './top-bar'

export function SpacePage() {
  const store = useStore()
  const params = useParams<{ spaceId: string; groupId?: string }>()
  const navigate = useNavigate()
  const space = () => store.state.spaces[params.spaceId]
  const groups = createMemo(() => sortedGroups(store.state, params.spaceId))
  const group = createMemo(() => {
    const list = groups()
    const wanted = params.groupId ?? lastGroupId(params.spaceId)
    return list.find((g) => g.id === wanted) ?? list[0]
  })
  // Reruns for changes to the shown group's bookmarks only, not for every change to the library.
  const bookmarks = createMemo(() => {
    const id = group()?.id
    return id ? shownBookmarks(store.groupBookmarks(id)) : []
  })

  createEffect(() => {
    const s = space()
    if (s && !s.isArchived) rememberSpace(s.id)
    const g = group()
    if (g) rememberGroup(params.spaceId, g.id)
    // The service worker cannot read localStorage: where a capture goes is mirrored where it can.
    if (g) rememberCaptureTarget({ account: store.account(), spaceId: params.spaceId, groupId: g.id })
    // A group named in the address that is gone (deleted, moved) falls back to the space's first group.
    if (params.groupId && g && g.id !== params.groupId)
      navigate(`/space/${params.spaceId}/${g.id}`, { replace: true })
  })

  return (
    <Show when={space() && !space()?.isArchived} fallback={<Navigate href="/" />}>
      <div class="main">
        <TopBar>
          <GroupTabs spaceId={params.spaceId} groups={groups()} activeId={group()?.id} />
        </TopBar>
        <section class="content">
          <Switch>
            <Match when={group()}>{(g) => <BookmarkGrid groupId={g().id} bookmarks={bookmarks()} />}</Match>
            <Match when={!group() && store.ready()}>
              <div class="empty">
                <div class="big">
                  <FolderIcon size={44} />
                </div>
                <h2>Add a group to “{space()?.name}”</h2>
                <p>Groups are the tabs along the top. Make one for each topic, like “Daily” or “Docs”.</p>
                <button
                  type="button"
                  class="primary"
                  onClick={() => openDialog({ kind: 'group', spaceId: params.spaceId })}
                >
                  Create a group
                </button>
              </div>
            </Match>
          </Switch>
        </section>
      </div>
    </Show>
  )
}
