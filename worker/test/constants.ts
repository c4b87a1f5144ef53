// Shared by the Worker test config (Node) and the tests (workerd).
export const TEST_EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop'
export const TEST_ALLOWED_ORIGINS = `${TEST_EXTENSION_ORIGIN},http://127.0.0.1:5173`
