// One budget for every wait in the GPU suites, so that no hook or test times out before a wait inside it does, and
// every wait fails with its own message. These are hang guards, not speed checks (speed is `npm run bench`'s job):
// on a loaded 2-core machine SwiftShader runs several times slower than on an idle one, and a test must still pass.

/** The longest a single wait may take: a page reaching a state, a child process, a kernel page finishing. */
export const WAIT_MS = 300_000;

/** A test or a hook (vite.config.ts): room for a few such waits in a row. */
export const TEST_MS = 900_000;
