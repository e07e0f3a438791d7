import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog } from "../../db/schema";
import { weakThresholdFen, yearRules } from "~/models/settings.server";
import { createUser } from "~/models/user.server";
import { action, loader } from "~/routes/settings";
import { makeRequest, run } from "../helpers/requests";

let admin: number;
let editor: number;

beforeAll(async () => {
  admin = (await createUser({ username: "boss", displayName: "组织办", role: "admin", password: "boss-pass-1" }, null))
    .id;
  editor = (await createUser({ username: "ed", displayName: "录入员", role: "editor", password: "ed-pass-12" }, null))
    .id;
});

const DEFAULT_COUNTED = ["operating", "contracting", "investment"];
const save = (userId: number, form: Record<string, string | string[]>) =>
  makeRequest("/settings", { userId, form: { operatingCategories: DEFAULT_COUNTED, ...form } }).then((r) =>
    run(action, r)
  );

describe("/settings: the year's rules (口径)", () => {
  it("defaults to DESIGN.md's: three categories, 50,000 / 100,000 / 500,000 yuan", async () => {
    expect(await yearRules(2024)).toEqual({
      weakThresholdFen: 10_000_000,
      operatingCategories: DEFAULT_COUNTED,
      shellBelowFen: 5_000_000,
      richFromFen: 50_000_000,
    });
  });

  it("is set by the admin in yuan and kept in fen", async () => {
    const response = await save(admin, { year: "2024", weakThresholdFen: "¥120,000" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/settings?year=2024&done=saved");
    expect(await weakThresholdFen(2024)).toBe(12_000_000);
    expect(await weakThresholdFen(2025)).toBe(10_000_000);
    const page = await (await run(loader, await makeRequest("/settings?year=2024", { userId: admin }))).json();
    expect(page.editing).toMatchObject({ year: 2024, isSet: true, rules: { weakThresholdFen: 12_000_000 } });
  });

  it("takes a province's rules: 其他收入 counted, bands of its own", async () => {
    const response = await save(admin, {
      year: "2025",
      weakThresholdFen: "80,000",
      operatingCategories: ["other", "operating", "investment", "contracting"],
      shellBelowFen: "30000",
      richFromFen: "1,000,000.50",
      reportDeadlineDay: "15",
    });
    expect(response.status).toBe(302);
    expect(await yearRules(2025)).toEqual({
      weakThresholdFen: 8_000_000,
      operatingCategories: ["operating", "contracting", "investment", "other"],
      shellBelowFen: 3_000_000,
      richFromFen: 100_000_050,
    });
    const db = await getDb();
    const audit = (await db.select().from(auditLog)).filter((a) => a.entity === "settings" && a.entityId === 2025);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after!)).toMatchObject({
      operatingCategories: "operating,contracting,investment,other",
    });
  });

  it("refuses a bad year, amount, bands out of order or no category, with field errors, writing nothing", async () => {
    const bad = await save(admin, { year: "20x4", weakThresholdFen: "-1" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual({ year: ["error.year"], weakThresholdFen: ["error.money.positive"] });
    const bands = await save(admin, {
      year: "2024",
      weakThresholdFen: "100000",
      shellBelowFen: "150000",
      richFromFen: "90000",
      operatingCategories: [],
    });
    expect(bands.status).toBe(400);
    expect((await bands.json()).errors).toEqual({
      operatingCategories: ["error.operatingCategories"],
      shellBelowFen: ["error.bands.shell"],
      richFromFen: ["error.bands.rich"],
    });
    expect(await weakThresholdFen(2024)).toBe(12_000_000);
  });

  it("is the admin's alone", async () => {
    expect((await save(editor, { year: "2024", weakThresholdFen: "1" })).status).toBe(403);
    expect(await weakThresholdFen(2024)).toBe(12_000_000);
  });
});
