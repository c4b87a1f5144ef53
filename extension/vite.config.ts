// Builds the unpacked Manifest V3 extension into extension/dist (public/ holds manifest.json and icons).
import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'

export default defineConfig({
  root: import.meta.dirname,
  envDir: `${import.meta.dirname}/..`,
  base: './',
  plugins: [solid()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    // MV3 forbids inline scripts; Chrome supports modulepreload natively.
    modulePreload: { polyfill: false },
    reportCompressedSize: true
  }
})
