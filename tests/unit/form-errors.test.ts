import { describe, expect, it } from "vitest";
import { EnterpriseSchema } from "~/validation/enterprise";
import { OrganizationSchema } from "~/validation/organization";
import { ProjectSchema } from "~/validation/project";
import { NewUserSchema } from "~/validation/user";

// A form shows every error on its first save: the rules that compare two fields run as soon as
// those two are valid, whatever else is wrong (issue 14: round one said "有 1 处需要修改" when
// three things were wrong).

/** Each field's first error, as the form shows them. */
function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  expect(result.success).toBe(false);
  const out: Record<string, string> = {};
  for (const issue of result.error!.issues) out[String(issue.path[0])] ??= issue.message;
  return out;
}

describe("every error at once", () => {
  it("a project with no type chosen, a contract ending before it starts and a latitude without longitude", () => {
    const errors = errorsOf(
      ProjectSchema.safeParse({
        name: "厂房项目",
        type: "",
        status: "negotiating",
        villageIds: ["1"],
        enterpriseIds: [],
        contractStart: "2025-05-01",
        contractEnd: "2025-04-01",
        lat: "30.1",
        lng: "",
      })
    );
    expect(errors).toEqual({ type: "error.choose", contractEnd: "error.endBeforeStart", lng: "error.required" });
  });

  it("an organization with no level chosen, dissolved before it was set up, without villages", () => {
    const errors = errorsOf(
      OrganizationSchema.safeParse({
        name: "联合党委",
        level: "",
        establishedOn: "2024-06-01",
        dissolvedOn: "2024-01-01",
        villageIds: [],
        enterpriseIds: [],
      })
    );
    expect(errors).toMatchObject({
      level: "error.choose",
      dissolvedOn: "error.dissolvedBeforeEstablished",
      villageIds: "error.atLeastOneVillage",
    });
  });

  it("an enterprise with an unknown industry, a bad phone and a longitude without latitude", () => {
    const errors = errorsOf(
      EnterpriseSchema.safeParse({ name: "天祥集团", industry: "Z", phone: "call me", lat: "", lng: "120.1" })
    );
    expect(errors).toEqual({ industry: "error.choose", phone: "error.phone", lat: "error.required" });
  });

  it("a clerk without villages, with a user name that cannot be one and a short password", () => {
    const errors = errorsOf(
      NewUserSchema.safeParse({
        username: "张",
        displayName: "村文书",
        role: "clerk",
        password: "short",
        villageIds: [],
      })
    );
    expect(errors).toEqual({
      username: "error.username",
      password: "error.password",
      villageIds: "error.clerkVillages",
    });
  });

  it("a rule across fields waits for the fields it reads", () => {
    // the contract start is not a date: only that error, not also "ends before it starts"
    const errors = errorsOf(
      ProjectSchema.safeParse({
        name: "项目",
        type: "building_lease",
        status: "negotiating",
        villageIds: ["1"],
        enterpriseIds: [],
        contractStart: "not a date",
        contractEnd: "2025-04-01",
      })
    );
    expect(Object.keys(errors)).toEqual(["contractStart"]);
    // a value that is not an object at all is refused as a whole, without running the rules
    expect(ProjectSchema.safeParse(null).success).toBe(false);
  });
});
