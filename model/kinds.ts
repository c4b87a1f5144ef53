// The three kinds of entity, in parent-to-child order.
export const entityKinds = ['space', 'group', 'bookmark'] as const
export type EntityKind = (typeof entityKinds)[number]
