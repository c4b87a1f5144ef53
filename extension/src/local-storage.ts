// localStorage that never throws: it can be blocked or full, and what the extension keeps there (the account
// and view to open on, the theme, the last space, Clerk's client token) is a convenience, never worth an error.
// Losing a write only means the next new tab waits for IndexedDB or asks again.

export function readLocal(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

/** Stores `value`, or removes the key when it is null. */
export function writeLocal(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key)
    else localStorage.setItem(key, value)
  } catch {
    // See above.
  }
}
