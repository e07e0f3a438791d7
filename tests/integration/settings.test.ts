import { beforeAll, describe, expect, it } from "vitest";
import { weakThresholdFen } from "~/models/settings.server";
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

describe("/settings: the weak-village threshold per year", () => {
  it("defaults to 100,000 yuan", async () => {
    expect(await weakThresholdFen(2024)).toBe(10_000_000);
  });

  it("is set by the admin in yuan and kept in fen", async () => {
    const response = await run(
      action,
      await makeRequest("/settings", { userId: admin, form: { year: "2024", weakThresholdFen: "¥120,000" } })
    );
    expect(response.status).toBe(200);
    expect(await weakThresholdFen(2024)).toBe(12_000_000);
    expect(await weakThresholdFen(2025)).toBe(10_000_000);
    const page = await (await run(loader, await makeRequest("/settings", { userId: admin }))).json();
    expect(page.thresholds.find((t: { year: number }) => t.year === 2024)).toMatchObject({
      weakThresholdFen: 12_000_000,
      isSet: true,
    });
  });

  it("refuses a bad year or amount with field errors, writing nothing", async () => {
    const response = await run(
      action,
      await makeRequest("/settings", { userId: admin, form: { year: "20x4", weakThresholdFen: "-1" } })
    );
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({
      year: ["error.year"],
      weakThresholdFen: ["error.money.positive"],
    });
  });

  it("is the admin's alone", async () => {
    expect(
      (
        await run(
          action,
          await makeRequest("/settings", { userId: editor, form: { year: "2024", weakThresholdFen: "1" } })
        )
      ).status
    ).toBe(403);
    expect(await weakThresholdFen(2024)).toBe(12_000_000);
  });
});
