import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "scripts/**/*.test.ts"],
    exclude: ["src/**/*.daemon.test.ts", "node_modules/**"],
    environment: "node",
    testTimeout: 60_000,
  },
});
