// RS256 key pairs in the shape Clerk uses, so local servers and tests verify real signed tokens.
import { generateKeyPairSync } from 'node:crypto'

export type KeyPair = { publicKeyPem: string; privateKeyPem: string }

/** Clerk's verifyToken accepts RS256 with 2048-bit RSA keys only. */
export function generateKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  }
}
