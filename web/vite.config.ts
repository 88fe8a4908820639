import { defineConfig } from 'vite';

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
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8090', '/healthz': 'http://127.0.0.1:8090' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
