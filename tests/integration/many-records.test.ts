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

  it("go into the income export in the list's order, a page at a time", async () => {
    const db = await getDb();
    const [v] = await db.all<{ id: number }>(sql`SELECT id FROM villages WHERE name = '大村'`);
    // 12,000 records over five days, 2,400 on each day (an export page is 5,000): within a day the order goes by id
    await db.run(sql`INSERT INTO income_records (village_id, received_on, category, amount_fen, voucher)
      SELECT ${v.id}, '2024-03-0' || (1 + value % 5), 'operating', 100 + value, 'P-' || value
      FROM json_each(${JSON.stringify(Array.from({ length: 12_000 }, (_, i) => i))})`);
    const file = await exportFromUrl("income", "http://x/income.csv?year=2024", "csv", false);
    const vouchers = (file.body as string)
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(",")[7]);
    const expected = await db.all<{ voucher: string }>(
      sql`SELECT voucher FROM income_records WHERE received_on LIKE '2024-%' ORDER BY received_on DESC, id DESC`
    );
    expect(vouchers).toHaveLength(12_000);
    expect(vouchers).toEqual(expected.map((r) => r.voucher));
    // oldest first is the same list the other way round, a day's records in entry order
    const oldestFirst = await exportFromUrl("income", "http://x/income.csv?year=2024&dir=asc", "csv", false);
    expect(
      (oldestFirst.body as string)
        .trim()
        .split("\r\n")
        .slice(1)
        .map((line) => line.split(",")[7])
    ).toEqual(expected.map((r) => r.voucher).reverse());
    // another order goes by id after one ranking pass: the same records, in that order
    const byAmount = await exportFromUrl("income", "http://x/income.csv?year=2024&sort=amount&dir=asc", "csv", false);
    const amountOrder = await db.all<{ voucher: string }>(
      sql`SELECT voucher FROM income_records WHERE received_on LIKE '2024-%' ORDER BY amount_fen ASC, id DESC`
    );
    expect(
      (byAmount.body as string)
        .trim()
        .split("\r\n")
        .slice(1)
        .map((line) => line.split(",")[7])
    ).toEqual(amountOrder.map((r) => r.voucher));
  });
});
