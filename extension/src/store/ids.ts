// Client-made ids, so that creation works offline: prefix + '_' + 32 hex chars of a random UUID.
import type { EntityName } from './types'

export const newId = (entity: EntityName | 'mutation' | 'client'): string =>
  `${entity}_${crypto.randomUUID().replaceAll('-', '')}`

export const now = (): string => new Date().toISOString()
