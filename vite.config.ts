// The Explorer as a static site: `vite` serves it, `vite build` writes it to dist/app (relative
// asset paths, so it works from any directory of a static host).
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  plugins: [react()],
  build: {
    outDir: "dist/app",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 2048,
  },
  worker: {
    format: "es",
  },
  server: {
    host: "127.0.0.1",
  },
});
