// The new tab's first paint before its code has loaded: the start view as a page last drew it (written by
// src/first-paint.ts), shown only while the cached view it was drawn from is there. The app replaces it in its
// first render. A classic script, run as the parser reaches it, so the copy is on screen in the first frame.
;(() => {
  try {
    const root = document.getElementById('root')
    const snapshot = JSON.parse(localStorage.getItem('bookmarks-index:first-paint') || 'null')
    if (!root || !snapshot || typeof snapshot.html !== 'string') return
    const account = localStorage.getItem('bookmarks-index:account') || 'local'
    const path = location.hash.replace(/^#/, '')
    if (snapshot.account !== account || !(path === '' || path === '/' || path === snapshot.path)) return
    if (localStorage.getItem(`bookmarks-index:view:${account}`) === null) return
    const theme = localStorage.getItem('bookmarks-index:theme')
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme
    root.innerHTML = snapshot.html
    root.setAttribute('data-first-paint', '')
    // A picture of the page until the app is up: nothing in it can be focused, clicked or read out as the page.
    root.inert = true
    root.setAttribute('aria-hidden', 'true')
    // The copy looks ready before the app listens: a shortcut pressed as soon as the tiles show (/, Ctrl+K, ?) is
    // held here, and src/first-paint.ts hands it to the app once it has rendered.
    const held = []
    const hold = (event) => {
      const { key, code, ctrlKey, metaKey, shiftKey, altKey } = event
      held.push({ key, code, ctrlKey, metaKey, shiftKey, altKey })
      event.preventDefault()
    }
    window.addEventListener('keydown', hold, true)
    window.bookmarksIndexHeldKeys = () => {
      window.removeEventListener('keydown', hold, true)
      return held
    }
    performance.mark('first-paint-copy')
  } catch {
    // Storage blocked or the copy unreadable: the app paints as it would without one.
  }
})()
