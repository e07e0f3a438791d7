import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDatabase, getDb } from "../../db/client";
import { townships, villages } from "../../db/schema";
import { exportFromUrl } from "../helpers/params";
import { mapFeatures } from "~/models/map.server";

// More records than SQLite allows variables in one statement (32,766): found by the benchmark.

const N = 40_000;

beforeAll(async () => {
  const db = await getDb();
  const [t] = await db.insert(townships).values({ name: "大镇" }).returning();
  const [v] = await db.insert(villages).values({ townshipId: t.id, name: "大村", lat: 30, lng: 120 }).returning();
  const { client } = await getDatabase();
  const tx = await client.transaction("write");
  for (let i = 0; i < N; i += 500) {
    const ids = Array.from({ length: Math.min(500, N - i) }, (_, k) => i + k + 1);
    await tx.execute({
      sql: `INSERT INTO projects (name, type, status, lat, lng) VALUES ${ids
        .map(() => "(?, 'farming', 'operating', 30.1, 120.1)")
        .join(",")}`,
      args: ids.map((n) => `项目${n}`),
    });
    await tx.execute({
      sql: `INSERT INTO project_villages (project_id, village_id) VALUES ${ids.map(() => "(?, ?)").join(",")}`,
      args: ids.flatMap((n) => [n, v.id]),
    });
  }
  await tx.commit();
});

describe(`${N.toLocaleString()} projects`, () => {
  it("all go into the map download, each with its village; the map page gets them as clusters", async () => {
    const map = await mapFeatures({ year: 2024, layers: ["projects"] }, { clusterBeyond: Infinity });
    expect(map.features).toHaveLength(N);
    expect(map.features.every((f) => f.properties.villages === "大村")).toBe(true);
    const page = await mapFeatures({ year: 2024, layers: ["projects"] });
    expect(page.clustered).toBe(true);
    expect(page.features.reduce((n, f) => n + Number(f.properties.count), 0)).toBe(N);
  });

  it("all go into the project export, streamed page after page", async () => {
    const file = await exportFromUrl("projects", "http://x/projects.csv", "csv", false);
    const lines = (file.body as string).trim().split("\r\n");
    expect(lines).toHaveLength(N + 1);
    // read from the database page after page: every project once, none twice
    expect(new Set(lines.slice(1).map((l) => l.split(",")[0])).size).toBe(N);
    const db = await getDb();
    expect((await db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM projects`))[0].n).toBe(N);
  });
});
