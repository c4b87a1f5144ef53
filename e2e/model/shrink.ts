// Delta debugging for failing histories: removes ever smaller chunks of steps while the history still fails the
// same way, until no single step can go (or the time budget is spent). Each try is a full run on a fresh user.
export type ShrinkResult<T> = { steps: T[]; runs: number; complete: boolean }

/**
 * `tryHistory` runs a candidate and returns undefined when it passes (or fails another way), else the failing
 * history to keep: the candidate itself, or a shorter one that behaves the same (its no-op steps removed).
 */
export async function shrinkHistory<T>(
  steps: T[],
  tryHistory: (candidate: T[]) => Promise<T[] | undefined>,
  budgetMs: number
): Promise<ShrinkResult<T>> {
  const deadline = Date.now() + budgetMs
  let current = steps
  let runs = 0
  let chunks = 2
  while (current.length > 1) {
    const size = Math.ceil(current.length / chunks)
    let removed = false
    for (let start = 0; start < current.length; start += size) {
      if (Date.now() > deadline) return { steps: current, runs, complete: false }
      runs += 1
      const kept = await tryHistory([...current.slice(0, start), ...current.slice(start + size)])
      if (kept) {
        current = kept
        removed = true
        // Try the same place again: the next chunk has moved into it.
        start -= size
      }
    }
    if (removed) chunks = Math.max(2, Math.ceil(current.length / size))
    else if (size === 1) break
    else chunks = Math.min(current.length, chunks * 2)
  }
  return { steps: current, runs, complete: true }
}
