import { defineConfig } from 'vitest/config';

// Plain Vite: Preact through the automatic JSX runtime (no plugin needed), one small entry chunk,
// ECharts in its own lazily loaded chunk (only the home page needs it).
export default defineConfig({
  base: '/',
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
    // ECharts (core + bar/line/pie + grid/tooltip/legend + canvas) is one lazily loaded chunk of ~550 kB (~185 kB gzip).
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8090', '/healthz': 'http://127.0.0.1:8090' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
