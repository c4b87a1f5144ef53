// The toolbar popup: saves the current tab to a group (or says where it is saved, to open, edit or remove), and
// saves a window's tabs as a new group. It reads the local data itself (instant, offline) and leaves every write to the service worker,
// which finishes it even when the popup closes at once.
import { urlProblem } from '../../../model/url'
import {
  accountOf,
  findSaved,
  type GroupChoice,
  groupChoices,
  loadLibrary,
  type PageToSave,
  type SavedPlace
} from '../background/capture'
import { type CaptureTarget, loadCaptureTarget, rememberCaptureTarget } from '../background/capture-target'
import { ext, isOwnPage } from '../background/extension-api'
import type { CaptureRequest, CaptureResponse } from '../background/service-worker'
import { savableTabs, tabsGroupName } from '../features/groups/tabs-as-group'
import { LOCAL_ACCOUNT } from '../store/cache'
import type { DataState } from '../store/types'
import './popup.css'

const api = ext()

const el = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id)
  if (!found) throw new Error(`popup.html has no #${id}`)
  return found as T
}

const ui = {
  main: document.querySelector('main') as HTMLElement,
  icon: document.querySelector('.page-icon') as HTMLImageElement,
  title: el<HTMLInputElement>('title'),
  url: el<HTMLElement>('url'),
  saved: el<HTMLElement>('saved'),
  savedWhere: el<HTMLElement>('saved-where'),
  openSaved: el<HTMLButtonElement>('open-saved'),
  edit: el<HTMLButtonElement>('edit'),
  remove: el<HTMLButtonElement>('remove'),
  save: el<HTMLElement>('save'),
  filter: el<HTMLInputElement>('group-filter'),
  group: el<HTMLSelectElement>('group'),
  noGroups: el<HTMLElement>('no-groups'),
  saveButton: el<HTMLButtonElement>('save-button'),
  cancelEdit: el<HTMLButtonElement>('cancel-edit'),
  status: el<HTMLElement>('status'),
  saveAll: el<HTMLButtonElement>('save-all'),
  preview: el<HTMLFormElement>('tabs-preview'),
  tabsName: el<HTMLInputElement>('tabs-name'),
  tabsSpace: el<HTMLElement>('tabs-space'),
  tabsList: el<HTMLUListElement>('tabs-list'),
  saveTabs: el<HTMLButtonElement>('save-tabs'),
  cancelTabs: el<HTMLButtonElement>('cancel-tabs')
}

let target: CaptureTarget = {}
let data: DataState | undefined
let choices: GroupChoice[] = []
let tab: chrome.tabs.Tab | undefined
let places: SavedPlace[] = []
/** Editing the saved bookmark: the title and group pickers change it instead of saving the tab again. */
let editing = false

const say = (text: string) => {
  ui.status.textContent = text
}

/** The tab this popup is about: the active one, or `?tab=<id>` when the popup is opened as a page of its own. */
async function currentTab(): Promise<chrome.tabs.Tab | undefined> {
  const id = Number(new URLSearchParams(location.search).get('tab'))
  if (Number.isInteger(id) && id > 0) return api.tabs.get(id).catch(() => undefined)
  return (await api.tabs.query({ active: true, currentWindow: true }))[0]
}

const send = async (request: CaptureRequest): Promise<CaptureResponse> => {
  const response = (await api.runtime.sendMessage(request)) as CaptureResponse | undefined
  return response ?? { ok: false, error: 'The extension did not answer; try again' }
}

const openInNewTab = (place: { space: { id: string }; group: { id: string } }) =>
  void api.tabs.create({ url: api.runtime.getURL(`index.html#/space/${place.space.id}/${place.group.id}`) })

function fillGroups(): void {
  const query = ui.filter.value.trim().toLowerCase()
  const words = query.split(/\s+/).filter(Boolean)
  // "space 2 / group 2" names one group: labels holding the whole query come alone, before word-by-word matches.
  const whole = choices.filter((c) => c.label.toLowerCase().includes(query))
  const shown =
    whole.length > 0 ? whole : choices.filter((c) => words.every((w) => c.label.toLowerCase().includes(w)))
  const selected = ui.group.value
  ui.group.replaceChildren(
    ...shown.map((c) => {
      const option = document.createElement('option')
      option.value = c.group.id
      option.textContent = c.label
      return option
    })
  )
  const keep = shown.find((c) => c.group.id === selected) ?? shown[0]
  if (keep) ui.group.value = keep.group.id
  ui.noGroups.hidden = choices.length > 0
  ui.group.hidden = choices.length === 0
  ui.filter.hidden = choices.length === 0
}

function defaultGroupId(): string | undefined {
  const wanted =
    choices.find((c) => c.group.id === target.groupId) ?? choices.find((c) => c.space.id === target.spaceId)
  return (wanted ?? choices[0])?.group.id
}

/** Shows the tab as saved (where, Open, Edit, Remove), being edited, or as savable (group picker, Save). */
function showTab(): void {
  const url = tab?.url ?? ''
  const [place] = places
  if (!place) editing = false
  ui.saved.hidden = !place || editing
  ui.save.hidden = !!place && !editing
  ui.saveButton.textContent = editing ? 'Save changes' : 'Save'
  // Shown saved, the title is the bookmark's: it changes through Edit, not by typing over it.
  ui.title.readOnly = !!place && !editing
  ui.cancelEdit.hidden = !editing
  if (place)
    ui.savedWhere.textContent = place.label + (places.length > 1 ? ` (and ${places.length - 1} more)` : '')
  const problem = !url
    ? 'This tab’s address cannot be read'
    : isOwnPage(url)
      ? 'This is Bookmarks Index itself'
      : urlProblem(url)
  ui.saveButton.disabled = !!problem
  if (problem && !place) say(problem)
}

async function load(): Promise<void> {
  target = await loadCaptureTarget()
  ;[data, tab] = await Promise.all([loadLibrary(accountOf(target)), currentTab()])
  choices = groupChoices(data)
  const url = tab?.url ?? ''
  ui.url.textContent = url
  ui.url.title = url
  if (url) ui.icon.src = `${api.runtime.getURL('/_favicon/')}?pageUrl=${encodeURIComponent(url)}&size=32`
  places = url ? findSaved(data, url) : []
  // A saved page shows the title it was saved with: that is what Edit changes.
  ui.title.value = places[0]?.bookmark.title ?? tab?.title ?? ''
  fillGroups()
  const first = defaultGroupId()
  if (first) ui.group.value = first
  showTab()
  ui.main.removeAttribute('aria-busy')
}

/**
 * Another device changed the library (the live channel pulled it): the groups and the saved state follow. Not while
 * the saved bookmark is being edited, and a title being typed for a new save is kept.
 */
async function refresh(): Promise<void> {
  if (editing) return
  data = await loadLibrary(accountOf(target))
  choices = groupChoices(data)
  places = tab?.url ? findSaved(data, tab.url) : []
  if (places[0]) ui.title.value = places[0].bookmark.title
  fillGroups()
  showTab()
}

function startEditing(): void {
  const place = places[0]
  if (!place) return
  editing = true
  ui.filter.value = ''
  fillGroups()
  ui.group.value = place.group.id
  showTab()
  ui.title.focus()
  ui.title.select()
}

function stopEditing(): void {
  editing = false
  ui.title.value = places[0]?.bookmark.title ?? ''
  showTab()
}

async function saveEdit(place: SavedPlace): Promise<void> {
  ui.saveButton.disabled = true
  const response = await send({
    type: 'edit',
    bookmarkId: place.bookmark.id,
    title: ui.title.value,
    groupId: ui.group.value || undefined,
    tabId: tab?.id,
    url: tab?.url
  })
  ui.saveButton.disabled = false
  if (!response.ok) return say(`Could not save the changes: ${response.error}`)
  editing = false
  await load()
  say(`Saved in ${places[0]?.label ?? place.label}`)
}

async function save(): Promise<void> {
  const editingPlace = editing ? places[0] : undefined
  if (editingPlace) return saveEdit(editingPlace)
  const url = tab?.url
  if (!url) return
  ui.saveButton.disabled = true
  const groupId = ui.group.value || undefined
  const page: PageToSave = { url, title: ui.title.value }
  const response = await send({ type: 'save-page', page, groupId, tabId: tab?.id })
  ui.saveButton.disabled = false
  if (!response.ok) return say(`Could not save: ${response.error}`)
  const result = response.result
  if (result?.status === 'refused') return say(result.reason)
  const choice = choices.find((c) => c.group.id === groupId)
  if (choice) rememberCaptureTarget({ ...target, spaceId: choice.space.id, groupId: choice.group.id })
  await load()
  say(result?.status === 'duplicate' ? 'Already saved' : `Saved to ${places[0]?.label ?? 'Bookmarks Index'}`)
}

async function remove(): Promise<void> {
  const place = places[0]
  if (!place) return
  const response = await send({
    type: 'remove',
    bookmarkId: place.bookmark.id,
    tabId: tab?.id,
    url: tab?.url
  })
  if (!response.ok) return say(`Could not remove: ${response.error}`)
  await load()
  say(`Removed from ${place.label}`)
}

let previewTabs: chrome.tabs.Tab[] = []

function showPreview(tabs: chrome.tabs.Tab[]): void {
  previewTabs = tabs
  const space = choices.find((c) => c.group.id === ui.group.value)?.space ?? choices[0]?.space
  ui.tabsName.value = tabsGroupName()
  ui.tabsSpace.textContent = space ? `In the space “${space.name}”` : 'In a new space “Saved”'
  ui.tabsList.replaceChildren(
    ...tabs.map((t, i) => {
      const item = document.createElement('li')
      const box = document.createElement('input')
      box.type = 'checkbox'
      box.checked = true
      box.id = `tab-${i}`
      const label = document.createElement('label')
      label.htmlFor = box.id
      label.textContent = t.title || t.url || ''
      label.title = t.url ?? ''
      item.append(box, label)
      return item
    })
  )
  ui.saveTabs.textContent = `Save ${tabs.length} tabs`
  ui.preview.hidden = tabs.length === 0
  ui.saveAll.hidden = tabs.length > 0
  if (tabs.length === 0)
    say('No tabs in this window to save (pinned tabs and this extension’s pages are left out)')
}

function askForTabs(): void {
  // Chrome asks for a permission only inside the click itself: the request comes before any await.
  const granted = api.permissions.request({ permissions: ['tabs'] })
  void granted.then(async (ok) => {
    if (!ok) return say('Saving all tabs needs permission to read your tabs’ titles and addresses')
    const windowId = tab?.windowId ?? (await api.windows.getCurrent()).id
    showPreview(savableTabs(await api.tabs.query({ windowId })))
  })
}

async function saveAllTabs(): Promise<void> {
  const boxes = [...ui.tabsList.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')]
  const pages = previewTabs.flatMap((t, i) =>
    boxes[i]?.checked && t.url ? [{ url: t.url, title: t.title }] : []
  )
  const spaceId = choices.find((c) => c.group.id === ui.group.value)?.space.id
  ui.saveTabs.disabled = true
  const response = await send({ type: 'save-tabs', name: ui.tabsName.value, pages, spaceId })
  ui.saveTabs.disabled = false
  if (!response.ok) return say(`Could not save the tabs: ${response.error}`)
  ui.preview.hidden = true
  ui.saveAll.hidden = false
  await load()
  const made = choices.find((c) => c.group.id === response.groupId)
  say(`Saved ${response.saved ?? 0} tabs to ${made?.label ?? 'a new group'}`)
}

const failed = (error: unknown) => say(error instanceof Error ? error.message : String(error))

ui.filter.addEventListener('input', fillGroups)
ui.filter.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowDown') {
    event.preventDefault()
    ui.group.focus()
  } else if (event.key === 'Enter') void save().catch(failed)
})
ui.group.addEventListener('dblclick', () => void save().catch(failed))
ui.saveButton.addEventListener('click', () => void save().catch(failed))
ui.remove.addEventListener('click', () => void remove().catch(failed))
ui.edit.addEventListener('click', startEditing)
ui.cancelEdit.addEventListener('click', stopEditing)
ui.openSaved.addEventListener('click', () => places[0] && openInNewTab(places[0]))
ui.saveAll.addEventListener('click', askForTabs)
ui.preview.addEventListener('submit', (event) => {
  event.preventDefault()
  void saveAllTabs().catch(failed)
})
ui.cancelTabs.addEventListener('click', () => {
  ui.preview.hidden = true
  ui.saveAll.hidden = false
})

// Opened (the toolbar button or its shortcut), the group search has the focus: type to find a group, Enter saves.
load()
  .then(() => {
    if (!ui.save.hidden && !ui.filter.hidden) ui.filter.focus()
    const account = accountOf(target)
    if (account !== LOCAL_ACCOUNT)
      void import('./popup-live')
        .then((live) => live.followAccount(account, () => void refresh().catch(failed)))
        // Without it the popup still shows the library as it was on opening, as before the live channel.
        .catch(() => undefined)
  })
  .catch(failed)
