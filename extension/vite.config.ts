// Builds the unpacked Manifest V3 extension into extension/dist: new tab, popup and service worker (public/ holds
// manifest.json and icons).
import { defineConfig, loadEnv } from 'vite'
import solid from 'vite-plugin-solid'

const envDir = `${import.meta.dirname}/..`

export default defineConfig(({ mode }) => {
  // The dev sign-in path (a token for the local dev user) must never reach a production build.
  const env = loadEnv(mode, envDir, 'VITE_')
  if (mode === 'production' && (env.VITE_DEV_TOKEN || env.VITE_DEV_SIGN_IN)) {
    throw new Error(
      'VITE_DEV_TOKEN / VITE_DEV_SIGN_IN are for development builds only (npm run dev builds with --mode development); unset them for a production build'
    )
  }
  return {
    root: import.meta.dirname,
    envDir,
    base: './',
    plugins: [
      solid(),
      {
        // Marks a development build (npm run dev's, with the dev sign-in), so that the browser tests and the
        // benchmark rebuild extension/dist rather than measure it.
        name: 'mark-development-build',
        generateBundle() {
          if (mode !== 'production')
            this.emitFile({ type: 'asset', fileName: '.development-build', source: mode })
        }
      }
    ],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'chrome120',
      // MV3 forbids inline scripts; Chrome supports modulepreload natively.
      modulePreload: { polyfill: false },
      // Clerk's no-rhc build is one ~840 KB chunk, loaded only when signing in (never on the first paint).
      chunkSizeWarningLimit: 900,
      reportCompressedSize: true,
      rolldownOptions: {
        // The entries: the new tab, the toolbar popup, the service worker and its offscreen document (the sync of
        // a capture when no new tab is open). The worker's file keeps a fixed name, since the manifest names it; it
        // is an ES module (manifest "type": "module") that shares chunks.
        input: {
          index: `${import.meta.dirname}/index.html`,
          popup: `${import.meta.dirname}/popup.html`,
          offscreen: `${import.meta.dirname}/offscreen.html`,
          background: `${import.meta.dirname}/src/background/service-worker.ts`
        },
        output: {
          entryFileNames: (chunk) =>
            chunk.name === 'background' ? 'background.js' : 'assets/[name]-[hash].js'
        }
      }
    }
  }
})
