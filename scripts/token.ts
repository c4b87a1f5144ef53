// `npm run token -- <userId> [--azp <origin>] [--no-azp] [--ttl <seconds>]`: mints an RS256 JWT that the
// local Worker accepts (it is signed with the dev key whose public half `npm run dev` gives the Worker as
// CLERK_JWT_KEY). Prints only the token on stdout, so `TOKEN=$(npm run -s token -- user_123)` works.
import { parseArgs } from 'node:util'
import { importPKCS8, SignJWT } from 'jose'
import { DEV_ALLOWED_ORIGINS, DEV_ISSUER, ensureDevKeys, readDevVars } from './lib/dev-env.ts'

const usage = 'usage: npm run token -- <userId> [--azp <origin>] [--no-azp] [--ttl <seconds>]'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    azp: { type: 'string' },
    'no-azp': { type: 'boolean', default: false },
    ttl: { type: 'string', default: '3600' },
    help: { type: 'boolean', short: 'h', default: false }
  }
})

const userId = positionals[0]
if (values.help || !userId) {
  console.error(usage)
  process.exit(values.help ? 0 : 1)
}
const ttl = Number(values.ttl)
if (!Number.isInteger(ttl) || ttl <= 0) {
  console.error(`--ttl must be a positive number of seconds\n${usage}`)
  process.exit(1)
}

const keys = ensureDevKeys()
if (keys.created) console.error(`generated a dev key pair in ${keys.path} (restart npm run dev to use it)`)
const privateKey = await importPKCS8(keys.privateKeyPem, 'RS256')
const now = Math.floor(Date.now() / 1000)
const claims: Record<string, string> = {}
// The Worker only accepts an azp listed in ALLOWED_ORIGINS: default to the first origin npm run dev uses.
const origins = process.env.ALLOWED_ORIGINS || readDevVars().ALLOWED_ORIGINS || DEV_ALLOWED_ORIGINS
const azp = values['no-azp'] ? undefined : (values.azp ?? origins.split(',')[0]?.trim())
if (azp) claims.azp = azp

const token = await new SignJWT(claims)
  .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
  .setSubject(userId)
  .setIssuer(DEV_ISSUER)
  .setIssuedAt(now)
  .setNotBefore(now - 5)
  .setExpirationTime(now + ttl)
  .sign(privateKey)

console.log(token)
console.error(
  `sub=${userId}${azp ? ` azp=${azp}` : ''}, expires in ${ttl} s. Use: -H "Authorization: Bearer <token>"`
)
