// What a create leaves out gets these (a field without one must be given). No zod here: the first paint uses it.
export const createDefaults = {
  space: { icon: '📁', color: null },
  group: { icon: null },
  // Frozen: every new bookmark shares this empty list, so nothing may push into it.
  bookmark: {
    faviconUrl: null,
    description: null,
    tags: Object.freeze([]) as readonly string[] as string[],
    isPinned: false
  }
} as const
