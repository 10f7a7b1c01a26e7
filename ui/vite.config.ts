// Vite builds the UI into ui/dist, which Tauri embeds; Vitest runs the unit tests.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  // Relative asset URLs work both inside Tauri and from a static server in the flow tests.
  base: './',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // No inline scripts or styles: the CSP allows only 'self'.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: { port: 5173, strictPort: true },
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'happy-dom',
    // A zone with clock changes, so date code is tested across a 23- and a 25-hour day.
    env: { TZ: 'Europe/Paris' },
    include: ['src/**/*.test.ts'],
  },
});
