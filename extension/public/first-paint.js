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
    performance.mark('first-paint-copy')
  } catch {
    // Storage blocked or the copy unreadable: the app paints as it would without one.
  }
})()
