import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const dkfdsCss = fileURLToPath(new URL('../node_modules/dkfds/dist/css/dkfds.min.css', import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    // dkfds only exports its script; its stylesheet is reached through this alias so Vite
    // still bundles the fonts and icons the CSS points at (nothing is loaded from elsewhere).
    alias: { 'dkfds/css': dkfdsCss },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The server's CSP allows data: for images but not for fonts, so fonts are never inlined.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf|eot)$/.test(file) ? false : undefined),
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
