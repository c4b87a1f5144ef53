// `npm run test:model -- --steps N --seeds K [--seed S]`: the model-based sync test (e2e/model) at another size.
// The options become MODEL_STEPS / MODEL_SEEDS / MODEL_SEED for the test; anything else goes on to vitest.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const options: Record<string, string> = {
  '--steps': 'MODEL_STEPS',
  '--seeds': 'MODEL_SEEDS',
  '--seed': 'MODEL_SEED'
}
const env: NodeJS.ProcessEnv = { ...process.env }
const rest: string[] = []
const args = process.argv.slice(2)
for (let i = 0; i < args.length; i++) {
  const arg = args[i] ?? ''
  const [flag, inline] = arg.split('=', 2)
  const name = options[flag ?? '']
  if (!name) {
    rest.push(arg)
    continue
  }
  const value = inline ?? args[++i]
  if (!value || !/^\d+$/.test(value)) {
    console.error(`${flag} needs a whole number`)
    process.exit(2)
  }
  env[name] = value
}

const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url))
const child = spawn(process.execPath, [vitest, 'run', '--project', 'e2e-model', ...rest], {
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  env,
  stdio: 'inherit'
})
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
