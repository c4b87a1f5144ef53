// One tag across every space: the bookmarks that carry it, each with where it lives (in its tooltip).
import { useParams } from '@solidjs/router'
import { createMemo, Show } from 'solid-js'
import { useStore } from '../../store/data-store'
import { bookmarksTagged } from '../../store/selectors'
import { BookmarkGrid } from '../bookmarks/bookmark-grid'
import { TopBar } from '../spaces/top-bar'

export function TagPage() {
  const store = useStore()
  const params = useParams<{ tag: string }>()
  const tag = () => decodeURIComponent(params.tag)
  const tagged = createMemo(() => bookmarksTagged(store.snapshot(), tag()))
  const spaces = () => new Set(tagged().map((b) => b.spaceId)).size
  return (
    <div class="main">
      <TopBar>
        <div class="tabs">
          <h1 class="tag-heading">#{tag()}</h1>
          <span class="tag-count">
            {tagged().length} {tagged().length === 1 ? 'bookmark' : 'bookmarks'}
            {spaces() > 1 ? ` in ${spaces()} spaces` : ''}
          </span>
        </div>
      </TopBar>
      <section class="content">
        <Show
          when={tagged().length > 0 || !store.ready()}
          fallback={<p class="grid-hint">No bookmark has this tag.</p>}
        >
          <BookmarkGrid bookmarks={tagged()} />
        </Show>
      </section>
    </div>
  )
}
