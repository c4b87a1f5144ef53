// Fails when the built extension (extension/dist) could load code from the network, which Manifest V3 and the
// Chrome Web Store forbid: a remote <script>, an import of a URL, importScripts, or a known CDN loader.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

const dist = resolve(process.argv[2] ?? join(import.meta.dirname, '../extension/dist'))

const RULES: [string, RegExp][] = [
  ['a remote <script>', /<script[^>]*\ssrc\s*=\s*["']?(https?:)?\/\//i],
  ['a static import of a URL', /\b(?:import|export)\b[^'"`;]*?\bfrom\s*["'`](https?:)?\/\//],
  ['a dynamic import of a URL', /\bimport\s*\(\s*["'`](https?:)?\/\//],
  ['importScripts', /\bimportScripts\s*\(/],
  ['a script element given a remote src', /\.src\s*=\s*["'`]https?:\/\/[^"'`]*\.m?js\b/],
  ['a CDN loader', /\b(?:cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|esm\.sh|cdn\.skypack\.dev)\b/],
  ['eval of a string', /\bnew Function\s*\(\s*["'`]|\beval\s*\(/]
]

const problems: string[] = []
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.(m?js|html)$/.test(entry.name)) continue
  const path = join(entry.parentPath, entry.name)
  const text = readFileSync(path, 'utf8')
  for (const [what, pattern] of RULES) {
    const match = pattern.exec(text)
    if (!match) continue
    const around = text.slice(Math.max(0, match.index - 40), match.index + 80).replace(/\s+/g, ' ')
    problems.push(`${relative(dist, path)}: ${what}: …${around}…`)
  }
}

if (problems.length > 0) {
  console.error(`Remote code in ${dist}:\n${problems.join('\n')}`)
  process.exit(1)
}
console.log(`No remote code in ${relative(process.cwd(), dist) || dist}`)
