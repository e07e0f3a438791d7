import { defineConfig } from "drizzle-kit";

// Run from the repository root: drizzle-kit resolves these paths from the current folder.
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema.ts",
  out: "./db/migrations",
});
