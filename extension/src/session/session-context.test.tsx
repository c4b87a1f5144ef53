// The session context: the UI reaches the session only inside its provider.
import { render, screen } from '@solidjs/testing-library'
import { describe, expect, it } from 'vitest'
import { createDataStore } from '../store/data-store'
import { createSession, SessionContext, useSession } from './session-context'

function Who() {
  const session = useSession()
  return <p>{session.signedInAs() ?? 'signed out'}</p>
}

describe('useSession()', () => {
  it('throws outside its provider', () => {
    expect(() => render(() => <Who />)).toThrow('useSession() must be used inside')
  })

  it('gives the page’s session inside it, signed out until a session is restored', () => {
    const session = createSession(createDataStore())
    render(() => (
      <SessionContext.Provider value={session}>
        <Who />
      </SessionContext.Provider>
    ))
    expect(screen.getByText('signed out')).toBeTruthy()
    expect(session.syncStatus()).toBeNull()
    expect(session.busy()).toBe(false)
  })
})
