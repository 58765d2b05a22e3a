/**
 * Builds the web app into web/dist, which the server serves. The root is this folder, so the
 * build works from the repository root (`vite build web`) and from here (`vite build`).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The development server forwards API calls to a server started with `liuhen serve`.
const apiServer = 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  // One bundle (about 440 kB gzipped, mostly antd) is loaded once over the intranet and then
  // cached; splitting it would save little on these networks, so the size warning is raised.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    proxy: {
      '/api': { target: apiServer, changeOrigin: false },
      '/healthz': { target: apiServer, changeOrigin: false },
    },
  },
});
