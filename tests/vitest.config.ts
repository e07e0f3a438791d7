import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    setupFiles: ["tests/helpers/fresh-db.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // two cores: each e2e file runs a server and a browser
    maxWorkers: 2,
  },
});
