import { defineConfig } from "vitest/config";

// Tests that need a real BuildKit daemon (see scripts/dockerd-up.sh). They fail, not skip, when
// neither DOCKER_HOST nor BUILDKIT_HOST reaches one.
export default defineConfig({
  test: {
    include: ["src/**/*.daemon.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One daemon, shared state (cache, containers): run files one after another.
    fileParallelism: false,
  },
});
