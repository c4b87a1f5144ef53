// "Save all tabs in this window as a new group", from the new tab's group menu: shows the window's tabs worth
// saving (pinned tabs and the extension's own pages left out), lets the person leave some out and name the
// group, then writes the group and its bookmarks in one change through the store.
import { useNavigate } from '@solidjs/router'
import { createSignal, For } from 'solid-js'
import { useStore } from '../../store/data-store'
import { Dialog } from '../../ui/dialog'
import type { DialogProps } from '../../view-state'
import { groupOfPages, type PageToSave, tabsGroupName } from './tabs-as-group'

declare module '../../view-state' {
  interface DialogFields {
    'save-tabs': { spaceId: string; tabs: PageToSave[] }
  }
}

export function SaveTabsDialog(props: DialogProps<'save-tabs'>) {
  const store = useStore()
  const navigate = useNavigate()
  const [name, setName] = createSignal(tabsGroupName())
  const [left, setLeft] = createSignal(new Set<number>())
  const chosen = () => props.tabs.filter((_, i) => !left().has(i))
  const toggle = (i: number, on: boolean) => {
    const next = new Set(left())
    if (on) next.delete(i)
    else next.add(i)
    setLeft(next)
  }
  const submit = (event: Event) => {
    event.preventDefault()
    const made = groupOfPages(store.state, props.spaceId, name(), chosen())
    void store.mutate(made.inputs)
    props.onClose()
    navigate(`/space/${props.spaceId}/${made.group.id}`)
  }
  return (
    <Dialog title="Save this window’s tabs" onClose={props.onClose}>
      <form onSubmit={submit}>
        <h2>Save this window’s tabs</h2>
        <label class="field">
          <span>New group’s name</span>
          <input value={name()} onInput={(e) => setName(e.currentTarget.value)} autocomplete="off" />
        </label>
        <fieldset class="choices">
          <legend>Tabs to save (pinned tabs and Bookmarks Index’s own pages are left out)</legend>
          <For each={props.tabs}>
            {(tab, i) => (
              <label title={tab.url}>
                <input
                  type="checkbox"
                  checked={!left().has(i())}
                  onChange={(e) => toggle(i(), e.currentTarget.checked)}
                />
                <span>{tab.title || tab.url}</span>
              </label>
            )}
          </For>
        </fieldset>
        <div class="actions">
          <button type="button" class="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={chosen().length === 0}>
            Save {chosen().length} {chosen().length === 1 ? 'tab' : 'tabs'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

export default SaveTabsDialog
