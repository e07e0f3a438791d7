import { copyFileSync, mkdtempSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, openDatabase } from "../../db/client";
import { prepareDatabase } from "../../db/setup";
import { isValidCreditCode } from "~/lib/credit-code";
import { currentYear } from "~/lib/dates";
import { verifyPassword } from "~/lib/password.server";
import { TEMPLATE_DB, TMP } from "../helpers/paths";

const quiet = () => {};

describe("first start on an empty database", () => {
  beforeAll(async () => {
    process.env.ADMIN_PASSWORD = "first-start-pass";
    await prepareDatabase(undefined, quiet);
  });

  it("loads the demo township with 井亭村, 天祥集团 and 绿杨新材料有限公司", async () => {
    const db = await getDb();
    const names = (
      await db.all<{ name: string }>(sql`SELECT name FROM villages UNION ALL SELECT name FROM enterprises`)
    ).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(["井亭村", "天祥集团", "绿杨新材料有限公司"]));
  });

  it("has 井亭村 earning 550,000 yuan this year from those two companies", async () => {
    const db = await getDb();
    const year = currentYear();
    const [row] = await db.all<{ fen: number; payers: number }>(sql`
      SELECT SUM(i.amount_fen) AS fen, COUNT(DISTINCT i.enterprise_id) AS payers
      FROM income_records i
      JOIN villages v ON v.id = i.village_id
      JOIN enterprises e ON e.id = i.enterprise_id
      WHERE v.name = '井亭村' AND e.name IN ('天祥集团', '绿杨新材料有限公司')
        AND i.received_on BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`} AND i.voided_at IS NULL`);
    expect(row).toEqual({ fen: 55_000_000, payers: 2 });
  });

  it("has 11 joint organizations, each with a first secretary, an instructor, a village and an enterprise", async () => {
    const db = await getDb();
    const orgs = await db.all<{
      name: string;
      firstSecretary: string;
      instructor: string;
      villages: number;
      enterprises: number;
    }>(sql`
      SELECT o.name, o.first_secretary AS firstSecretary, o.instructor,
        (SELECT COUNT(*) FROM organization_villages WHERE organization_id = o.id) AS villages,
        (SELECT COUNT(*) FROM organization_enterprises WHERE organization_id = o.id) AS enterprises
      FROM organizations o`);
    expect(orgs).toHaveLength(11);
    for (const org of orgs) {
      expect(org.firstSecretary, org.name).toBeTruthy();
      expect(org.instructor, org.name).toBeTruthy();
      expect(org.villages, org.name).toBeGreaterThanOrEqual(1);
      expect(org.enterprises, org.name).toBeGreaterThanOrEqual(1);
    }
    const patterns = new Set(orgs.map((o) => `${o.villages > 1 ? "多" : "一"}对${o.enterprises > 1 ? "多" : "一"}`));
    expect(patterns).toEqual(new Set(["一对一", "一对多", "多对一", "多对多"]));
  });

  it("has projects with sites in every status, and income in every category over several years", async () => {
    const db = await getDb();
    const statuses = await db.all<{ status: string; sites: number; n: number }>(
      sql`SELECT status, COUNT(lat) AS sites, COUNT(*) AS n FROM projects GROUP BY status`
    );
    expect(statuses.map((s) => s.status).sort()).toEqual(["building", "ended", "negotiating", "operating", "signed"]);
    for (const s of statuses) expect(s.sites).toBe(s.n);
    const categories = await db.all<{ category: string }>(
      sql`SELECT DISTINCT category FROM income_records ORDER BY category`
    );
    expect(categories.map((c) => c.category)).toEqual(["contracting", "investment", "operating", "other", "subsidy"]);
    const [{ years }] = await db.all<{ years: number }>(
      sql`SELECT COUNT(DISTINCT substr(received_on, 1, 4)) AS years FROM income_records`
    );
    expect(years).toBeGreaterThanOrEqual(5);
  });

  it("dates no income in the future and no money in fractions of a fen", async () => {
    const db = await getDb();
    const [row] = await db.all<{ latest: string; fractions: number; nonPositive: number }>(sql`
      SELECT MAX(received_on) AS latest,
        SUM(amount_fen != CAST(amount_fen AS INTEGER)) AS fractions,
        SUM(amount_fen <= 0) AS nonPositive
      FROM income_records`);
    expect(row.latest <= new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)).toBe(true);
    expect(row.fractions).toBe(0);
    expect(row.nonPositive).toBe(0);
  });

  it("places everything in one county, with valid codes", async () => {
    const db = await getDb();
    const points = await db.all<{ lat: number; lng: number }>(
      sql`SELECT lat, lng FROM villages UNION ALL SELECT lat, lng FROM enterprises UNION ALL SELECT lat, lng FROM projects`
    );
    const lats = points.map((p) => p.lat);
    const lngs = points.map((p) => p.lng);
    expect(Math.max(...lats) - Math.min(...lats)).toBeLessThan(0.5);
    expect(Math.max(...lngs) - Math.min(...lngs)).toBeLessThan(0.5);
    const codes = await db.all<{ code: string }>(
      sql`SELECT credit_code AS code FROM enterprises UNION ALL SELECT collective_credit_code FROM villages`
    );
    for (const { code } of codes) expect(isValidCreditCode(code), code).toBe(true);
    const [{ mismatched }] = await db.all<{ mismatched: number }>(
      sql`SELECT COUNT(*) AS mismatched FROM villages v JOIN townships t ON t.id = v.township_id WHERE substr(v.code, 1, 9) != t.code OR length(v.code) != 12`
    );
    expect(mismatched).toBe(0);
  });

  it("creates the admin account with ADMIN_PASSWORD, hashed", async () => {
    const db = await getDb();
    const [admin] = await db.all<{ role: string; hash: string }>(
      sql`SELECT role, password_hash AS hash FROM users WHERE username = 'admin'`
    );
    expect(admin.role).toBe("admin");
    expect(admin.hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword("first-start-pass", admin.hash)).toBe(true);
  });

  it("does nothing more on the next start", async () => {
    const db = await getDb();
    const before = await db.all(
      sql`SELECT (SELECT COUNT(*) FROM villages) AS v, (SELECT COUNT(*) FROM income_records) AS i, (SELECT COUNT(*) FROM users) AS u`
    );
    expect(await prepareDatabase(undefined, quiet)).toBeUndefined();
    const after = await db.all(
      sql`SELECT (SELECT COUNT(*) FROM villages) AS v, (SELECT COUNT(*) FROM income_records) AS i, (SELECT COUNT(*) FROM users) AS u`
    );
    expect(after).toEqual(before);
  });
});

describe("SEED_DEMO=0 and no ADMIN_PASSWORD", () => {
  it("starts empty but for an admin with a generated password, printed once", async () => {
    const file = path.join(mkdtempSync(path.join(TMP, "empty-")), "app.db");
    copyFileSync(TEMPLATE_DB, file);
    const { db, client } = await openDatabase(`file:${file}`);
    const saved = { seed: process.env.SEED_DEMO, pass: process.env.ADMIN_PASSWORD };
    process.env.SEED_DEMO = "0";
    delete process.env.ADMIN_PASSWORD;
    const printed: string[] = [];
    try {
      const password = await prepareDatabase(db, (line) => printed.push(line));
      expect(password).toMatch(/^[A-Za-z0-9]{14}$/);
      expect(printed.join("\n")).toContain(password!);
      const [counts] = await db.all<{ v: number; u: number }>(
        sql`SELECT (SELECT COUNT(*) FROM villages) AS v, (SELECT COUNT(*) FROM users) AS u`
      );
      expect(counts).toEqual({ v: 0, u: 1 });
      const again: string[] = [];
      await prepareDatabase(db, (line) => again.push(line));
      expect(again.join("\n")).not.toContain(password!);
    } finally {
      if (saved.seed === undefined) delete process.env.SEED_DEMO;
      else process.env.SEED_DEMO = saved.seed;
      if (saved.pass) process.env.ADMIN_PASSWORD = saved.pass;
      client.close();
    }
  });
});
