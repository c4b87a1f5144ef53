// The shared entity rules, tested in plain Node: they must run the same in the Worker and in the extension.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: { name: 'model', root: import.meta.dirname, include: ['**/*.test.ts'], environment: 'node' }
})
