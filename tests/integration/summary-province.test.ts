import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { createUser } from "~/models/user.server";
import { villageIncomeSummary } from "~/models/summary.server";
import { loader } from "~/routes/summary._index";
import { makeRequest, run } from "../helpers/requests";

// A province has too many villages for one page: /summary lists townships then, each a link to
// its own villages, with the same totals.

let userId: number;

beforeAll(async () => {
  const db = await getDb();
  userId = (await createUser({ username: "leader", displayName: "领导", role: "viewer", password: "leader-pass" }, null)).id;
  const townships = Array.from({ length: 3 }, (_, i) => `('乡镇${i + 1}', '33010000${i + 1}')`);
  await db.run(sql.raw(`INSERT INTO townships (name, code) VALUES ${townships.join(",")}`));
  const villages = Array.from({ length: 1200 }, (_, i) => `(${1 + (i % 3)}, '村${i + 1}')`);
  await db.run(sql.raw(`INSERT INTO villages (township_id, name) VALUES ${villages.join(",")}`));
  const income = Array.from({ length: 1200 }, (_, i) => `(${i + 1}, '2024-05-0${1 + (i % 9)}', 'operating', ${(i + 1) * 100})`);
  await db.run(sql.raw(`INSERT INTO income_records (village_id, received_on, category, amount_fen) VALUES ${income.join(",")}`));
});

type Data = {
  rows: { villageId: number }[];
  townships: { townshipId: number; totalFen: number; villages: number }[];
  total: { totalFen: number; villages: number };
  villagesShown: boolean;
  villageCount: number;
};
const summary = async (query: string) =>
  (await (await run(loader, await makeRequest(`/summary${query}`, { userId }))).json()) as Data;

describe("/summary of 1,200 villages", () => {
  it("lists the townships with their subtotals instead of every village", async () => {
    const d = await summary("?year=2024");
    expect(d.villagesShown).toBe(false);
    expect(d.rows).toEqual([]);
    expect(d.villageCount).toBe(1200);
    expect(d.townships.map((t) => t.villages)).toEqual([400, 400, 400]);
    // 100 + 200 + … + 120,000 fen
    expect(d.total.totalFen).toBe((100 * 1200 * 1201) / 2);
    expect(d.townships.reduce((n, t) => n + t.totalFen, 0)).toBe(d.total.totalFen);
    // each township's line is what its own page adds up to
    for (const township of d.townships) {
      const own = await villageIncomeSummary({ year: 2024, townshipId: township.townshipId });
      expect(township).toMatchObject({ ...own.total, townshipId: township.townshipId });
    }
  });

  it("lists every village of one township", async () => {
    const d = await summary("?year=2024&township=2");
    expect(d.villagesShown).toBe(true);
    expect(d.rows).toHaveLength(400);
    expect(d.total.villages).toBe(400);
  });
});
