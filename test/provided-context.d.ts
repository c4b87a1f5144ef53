// Values the root globalSetup provides to every test project (read them with `inject`).
import 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    jwtPublicKey: string
    jwtPrivateKey: string
  }
}
