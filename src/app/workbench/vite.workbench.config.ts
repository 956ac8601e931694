// Builds the standalone Workbench page (dev.html) the way the app is built, to check that Monaco,
// its editor worker and the compile worker bundle:  npx vite build -c src/app/workbench/vite.workbench.config.ts
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL("../../..", import.meta.url));

export default defineConfig({
  root,
  base: "./",
  plugins: [react()],
  build: {
    outDir: "dist/workbench",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { input: fileURLToPath(new URL("./dev.html", import.meta.url)) },
  },
  worker: { format: "es" },
});
