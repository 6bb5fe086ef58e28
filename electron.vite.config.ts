// Three builds from one file: main (Electron entry + the CLI and web host, which share main's services),
// the sandboxed preload (CommonJS, as Electron's sandbox requires), and the React renderer.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/cli/index.ts'),
          // Worker threads load a file: the analysis engine is its own bundle.
          'analysis-worker': resolve('src/engine/worker.ts'),
          // The encoder threads the analysis worker starts (onnxruntime's run blocks its thread).
          'analysis-encoder': resolve('src/engine/encoder-thread.ts'),
          'index-worker': resolve('src/main/radio/index-worker.ts'),
          // The services run in their own process (a utilityProcess in the app), started from this file.
          'service-host': resolve('src/main/service-host/entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified; minified, the first screen's script parses in less time.
      minify: true,
      rolldownOptions: { input: resolve('src/renderer/index.html') },
    },
  },
});
