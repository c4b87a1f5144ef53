// `npm run bench`: runs every bench script in this folder (bench/*.ts but this one), one after another.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = import.meta.dirname
const scripts = readdirSync(dir)
  .filter((name) => name.endsWith('.ts') && name !== 'run.ts')
  .sort()
for (const script of scripts) {
  console.log(`\n=== bench/${script}`)
  const result = spawnSync(process.execPath, [join(dir, script), ...process.argv.slice(2)], {
    stdio: 'inherit'
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
