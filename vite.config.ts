/**
 * Production build of the renderer (issue 4). Everything the app loads ships in
 * dist/renderer: no CDN, no remote fonts, no remote scripts. `base: './'` so that
 * Electron can load index.html from a file URL.
 *
 * @vitejs/plugin-react is not used: Vite 8 transforms TSX itself with Oxc, and
 * we ask it for React's automatic JSX runtime (no `import React` needed).
 */
import optimizeLocales from '@react-aria/optimize-locales-plugin';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  // React Aria (the date fields) ships its strings in 34 languages; the app speaks two.
  plugins: [optimizeLocales.vite({ locales: ['en', 'es'] })],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // Electron's Chromium reads light-dark() itself (renderer/styles/tokens.css); no polyfill.
    cssTarget: 'chrome130',
    sourcemap: false,
    // Keep assets (CSS, wasm) as files: data: URLs would need a wider CSP.
    assetsInlineLimit: 0,
    // The module-preload polyfill is not needed in Chromium and would add code we do not use.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4096,
    // Screens load on first use (dynamic import()), so modules are spread over chunks: keep them
    // running in source order, so that renderer/zod-config.ts still runs before any schema is built.
    rolldownOptions: { output: { strictExecutionOrder: true } },
  },
  server: { host: '127.0.0.1', strictPort: true },
});
