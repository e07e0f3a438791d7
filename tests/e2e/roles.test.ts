import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../db/enums";
import { startApp, type App } from "../helpers/app";
import { routePatterns } from "../helpers/routes";
import { freshDatabaseFile, loginCookie, startServer } from "../helpers/server";

// Every role against every area of DESIGN.md, over real HTTP against the built server.

let app: App;
const cookies = {} as Record<Role, string>;
let ids: {
  jingting: number;
  other: number;
  ownProject: number;
  otherProject: number;
  enterprise: number;
  org: number;
  ownIncome: number;
  otherIncome: number;
  report: number;
  term: number;
};

beforeAll(async () => {
  app = await startApp({ browser: false });
  const id = async (query: ReturnType<typeof sql>) => (await app.one<{ id: number }>(query)).id;
  const jingting = await id(sql`SELECT id FROM villages WHERE name = '井亭村'`);
  const other = await id(sql`SELECT id FROM villages WHERE name = '凤凰村'`);
  ids = {
    jingting,
    other,
    ownProject: await id(sql`SELECT project_id AS id FROM project_villages WHERE village_id = ${jingting}`),
    otherProject: await id(sql`SELECT project_id AS id FROM project_villages WHERE village_id = ${other}`),
    enterprise: await id(sql`SELECT id FROM enterprises LIMIT 1`),
    org: await id(sql`SELECT id FROM organizations LIMIT 1`),
    ownIncome: await id(sql`SELECT id FROM income_records WHERE village_id = ${jingting}`),
    otherIncome: await id(sql`SELECT id FROM income_records WHERE village_id = ${other}`),
    report: 0,
    term: 0,
  };
  for (const role of ["admin", "editor", "clerk", "viewer"] as const) cookies[role] = await app.cookie(role);
  // a report of last year, made by township staff, for the report pages
  const township = await id(sql`SELECT id FROM townships LIMIT 1`);
  const made = await fetch(`${app.url}/reports`, {
    method: "POST",
    body: new URLSearchParams({ year: String(new Date().getFullYear() - 1), townshipIds: String(township) }),
    headers: { Cookie: cookies.editor, Origin: app.url },
    redirect: "manual",
  });
  expect(made.status).toBe(302);
  ids.report = await id(sql`SELECT id FROM reports`);
  // a contract term on the clerk's village's project, for the term pages
  const payer = await id(sql`SELECT enterprise_id AS id FROM project_enterprises WHERE project_id = ${ids.ownProject}`);
  const term = await fetch(`${app.url}/projects/${ids.ownProject}/terms/new`, {
    method: "POST",
    body: new URLSearchParams({
      villageId: String(jingting),
      enterpriseId: String(payer),
      kind: "fixed_rent",
      category: "contracting",
      amountFen: "5000",
      period: "year",
      firstDue: "2024-12-31",
      endsOn: "2028-12-31",
    }),
    headers: { Cookie: cookies.editor, Origin: app.url },
    redirect: "manual",
  });
  expect(term.status).toBe(302);
  ids.term = await id(sql`SELECT id FROM contract_terms`);
});

afterAll(() => app?.stop());

async function status(path: string, role?: Role) {
  const response = await fetch(`${app.url}${path}`, {
    headers: role ? { Cookie: cookies[role] } : {},
    redirect: "manual",
  });
  return response.status;
}

const ALL: Role[] = ["admin", "editor", "clerk", "viewer"];
type Expect = Partial<Record<Role, number>>;
const only = (roles: Role[]): Expect => Object.fromEntries(ALL.map((r) => [r, roles.includes(r) ? 200 : 403]));

describe("who may open what", () => {
  // [the route in app/routes, what it is, the path asked for, who may open it]
  const matrix: [string, string, () => string, Expect][] = [
    ["/", "dashboard", () => "/", only(ALL)],
    ["/villages", "village list", () => "/villages", only(ALL)],
    ["/villages/:villageId", "a village", () => `/villages/${ids.jingting}`, only(ALL)],
    ["/enterprises", "enterprises", () => "/enterprises", only(ALL)],
    ["/enterprises/:enterpriseId", "an enterprise", () => `/enterprises/${ids.enterprise}`, only(ALL)],
    ["/organizations", "organizations", () => "/organizations", only(ALL)],
    ["/organizations/:organizationId", "an organization", () => `/organizations/${ids.org}`, only(ALL)],
    ["/projects", "projects", () => "/projects", only(ALL)],
    ["/projects/:projectId", "a project", () => `/projects/${ids.otherProject}`, only(ALL)],
    ["/income", "income", () => "/income", only(ALL)],
    ["/income/:incomeId", "an income record", () => `/income/${ids.otherIncome}`, only(ALL)],
    ["/summary", "summary", () => "/summary", only(ALL)],
    ["/summary/:villageId", "one village's year", () => `/summary/${ids.other}`, only(ALL)],
    ["/summary/print", "summary print", () => "/summary/print", only(ALL)],
    ["/closing", "reporting status", () => "/closing", only(ALL)],
    ["/closing/print", "the reminder list to print", () => "/closing/print", only(ALL)],
    ["/closing.csv", "reporting status (CSV)", () => "/closing.csv", only(ALL)],
    ["/closing.xlsx", "reporting status (XLSX)", () => "/closing.xlsx", only(ALL)],
    [
      "/closing/:villageId/:year/:month",
      "a village's month in the books",
      () => `/closing/${ids.jingting}/2024/3`,
      only(ALL),
    ],
    ["/reports", "a year's reports", () => "/reports", only(ALL)],
    ["/reports/:reportId", "a report as made", () => `/reports/${ids.report}`, only(ALL)],
    ["/reports/:reportId/print", "a report's print", () => `/reports/${ids.report}/print`, only(ALL)],
    ["/reports/:reportId/diff", "what changed since a report", () => `/reports/${ids.report}/diff`, only(ALL)],
    ["/reports/:reportId/export.csv", "a report (CSV)", () => `/reports/${ids.report}/export.csv`, only(ALL)],
    ["/reports/:reportId/export.xlsx", "a report (XLSX)", () => `/reports/${ids.report}/export.xlsx`, only(ALL)],
    ["/receivables", "receivables", () => "/receivables?by=village", only(ALL)],
    ["/alerts", "alerts", () => "/alerts", only(ALL)],
    ["/terms.csv", "contract terms (CSV)", () => "/terms.csv", only(ALL)],
    ["/terms.xlsx", "contract terms (XLSX)", () => "/terms.xlsx", only(ALL)],
    [
      "/organizations/:organizationId/scorecard",
      "an organization's scorecard",
      () => `/organizations/${ids.org}/scorecard?year=2025`,
      only(ALL),
    ],
    ["/receivables.csv", "receivables (CSV)", () => "/receivables.csv", only(ALL)],
    ["/receivables.xlsx", "receivables (XLSX)", () => "/receivables.xlsx?by=project", only(ALL)],
    ["/map", "map", () => "/map", only(ALL)],
    ["/map.geojson", "map data", () => "/map.geojson", only(ALL)],
    ["/map.json", "the map page's data", () => "/map.json", only(ALL)],
    ["/map/:layer/:id", "a map popup's details", () => `/map/village/${ids.jingting}`, only(ALL)],
    ["/picks/:kind", "picker search", () => "/picks/village?q=%E4%BA%95", only(ALL)],
    ["/townships", "townships", () => "/townships", only(ALL)],
    ["/villages.csv", "village export (CSV)", () => "/villages.csv", only(ALL)],
    ["/villages.xlsx", "village export (XLSX)", () => "/villages.xlsx", only(ALL)],
    ["/enterprises.csv", "enterprise export (CSV)", () => "/enterprises.csv", only(ALL)],
    ["/enterprises.xlsx", "enterprise export (XLSX)", () => "/enterprises.xlsx", only(ALL)],
    ["/organizations.csv", "organization export (CSV)", () => "/organizations.csv", only(ALL)],
    ["/organizations.xlsx", "organization export (XLSX)", () => "/organizations.xlsx", only(ALL)],
    ["/projects.csv", "project export (CSV)", () => "/projects.csv", only(ALL)],
    ["/projects.xlsx", "project export (XLSX)", () => "/projects.xlsx", only(ALL)],
    ["/income.csv", "income export (CSV)", () => "/income.csv", only(ALL)],
    ["/income.xlsx", "income export (XLSX)", () => "/income.xlsx", only(ALL)],
    ["/summary.csv", "summary export (CSV)", () => "/summary.csv", only(ALL)],
    ["/summary.xlsx", "summary export (XLSX)", () => "/summary.xlsx", only(ALL)],
    ["/login", "login page", () => "/login", { admin: 302, editor: 302, clerk: 302, viewer: 302 }],
    ["/logout", "logout (a form posts to it)", () => "/logout", { admin: 302, editor: 302, clerk: 302, viewer: 302 }],
    [
      "/lang",
      "language switch (a form posts to it)",
      () => "/lang",
      { admin: 302, editor: 302, clerk: 302, viewer: 302 },
    ],
    ["/import", "import", () => "/import", only(["admin", "editor", "clerk"])],
    ["/import/template", "import template", () => "/import/template?kind=income", only(["admin", "editor", "clerk"])],
    ["/audit", "audit log", () => "/audit", only(["admin"])],
    ["/users", "users", () => "/users", only(["admin"])],
    ["/settings", "settings", () => "/settings", only(["admin"])],
    ["/villages/new", "new village", () => "/villages/new", only(["admin", "editor"])],
    ["/enterprises/new", "new enterprise", () => "/enterprises/new", only(["admin", "editor"])],
    ["/organizations/new", "new organization", () => "/organizations/new", only(["admin", "editor"])],
    ["/projects/new", "new project", () => "/projects/new", only(["admin", "editor", "clerk"])],
    ["/income/new", "new income record", () => "/income/new", only(["admin", "editor", "clerk"])],
    [
      "/enterprises/:enterpriseId/edit",
      "edit an enterprise",
      () => `/enterprises/${ids.enterprise}/edit`,
      only(["admin", "editor"]),
    ],
    [
      "/organizations/:organizationId/edit",
      "edit an organization",
      () => `/organizations/${ids.org}/edit`,
      only(["admin", "editor"]),
    ],
    [
      "/villages/:villageId/edit",
      "edit the clerk's own village",
      () => `/villages/${ids.jingting}/edit`,
      only(["admin", "editor", "clerk"]),
    ],
    [
      "/villages/:villageId/edit",
      "edit another village",
      () => `/villages/${ids.other}/edit`,
      only(["admin", "editor"]),
    ],
    [
      "/projects/:projectId/edit",
      "edit a project of the clerk's village",
      () => `/projects/${ids.ownProject}/edit`,
      only(["admin", "editor", "clerk"]),
    ],
    [
      "/projects/:projectId/edit",
      "edit another village's project",
      () => `/projects/${ids.otherProject}/edit`,
      only(["admin", "editor"]),
    ],
    [
      "/projects/:projectId/terms/new",
      "a new term on a project of the clerk's village",
      () => `/projects/${ids.ownProject}/terms/new`,
      only(["admin", "editor", "clerk"]),
    ],
    [
      "/projects/:projectId/terms/new",
      "a new term on another village's project",
      () => `/projects/${ids.otherProject}/terms/new`,
      only(["admin", "editor"]),
    ],
    [
      "/projects/:projectId/terms/:termId",
      "a contract term and its expected payments",
      () => `/projects/${ids.ownProject}/terms/${ids.term}`,
      only(ALL),
    ],
    [
      "/projects/:projectId/terms/:termId/edit",
      "edit a term of the clerk's village's project",
      () => `/projects/${ids.ownProject}/terms/${ids.term}/edit`,
      only(["admin", "editor", "clerk"]),
    ],
    [
      "/income/:incomeId/edit",
      "edit the clerk's village's income",
      () => `/income/${ids.ownIncome}/edit`,
      only(["admin", "editor", "clerk"]),
    ],
    [
      "/income/:incomeId/edit",
      "edit another village's income",
      () => `/income/${ids.otherIncome}/edit`,
      only(["admin", "editor"]),
    ],
  ];

  it("has a row for every route in app/routes", () => {
    const covered = new Set(matrix.map(([route]) => route));
    expect(
      routePatterns()
        .map((r) => r.url)
        .filter((url) => !covered.has(url))
    ).toEqual([]);
  });

  for (const [, name, path, expected] of matrix) {
    it(name, async () => {
      const got: Expect = {};
      for (const role of ALL) got[role] = await status(path(), role);
      expect(got).toEqual(expected);
    });
  }

  it("gives every page a browser title of its own, in the user's language", async () => {
    const titleOf = async (path: string) => {
      const html = await (await fetch(`${app.url}${path}`, { headers: { Cookie: cookies.admin } })).text();
      return /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
    };
    const pages = [...new Set(matrix.map(([, , path]) => path()))].filter(
      (path) => !/\.(csv|xlsx|json|geojson)(\?|$)|^\/(picks|map\/village|login|logout|lang|import\/template)/.test(path)
    );
    const titles = await Promise.all(pages.map(titleOf));
    expect(pages.length).toBeGreaterThan(25);
    expect(titles.filter((title, i) => titles.indexOf(title) !== i)).toEqual([]);
    titles.forEach((title, i) => expect(title, pages[i]).toMatch(/^.+ · 村企联建台账$/));
    expect(await titleOf(`/villages/${ids.jingting}`)).toBe("井亭村 · 村庄 · 村企联建台账");
    expect(await titleOf("/no-such-page")).toBe("页面不存在 · 村企联建台账");
  });

  it("hands a viewer exports that open as files", async () => {
    const csv = await fetch(`${app.url}/organizations.csv?status=active`, { headers: { Cookie: cookies.viewer } });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toContain("filename*=UTF-8''");
    const text = await csv.text();
    // fetch's text() drops the BOM; the bytes on the wire start with it
    expect(text.split("\r\n")[0]).toBe(
      "名称,层级,成立日期,第一书记,第一书记职务,党建指导员,成员村,成员企业,党员数,状态,撤销日期"
    );
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(11); // header + 10 active organizations
    const bytes = new Uint8Array(
      await (await fetch(`${app.url}/villages.csv`, { headers: { Cookie: cookies.viewer } })).arrayBuffer()
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("checks the role on Remix's data requests too", async () => {
    expect(await status("/users?_data=routes%2Fusers", "viewer")).toBe(403);
    expect(await status("/users?_data=routes%2Fusers", "admin")).toBe(200);
  });

  it("sends a visitor without a session to the login page", async () => {
    for (const path of ["/", "/villages", "/users", `/villages/${ids.jingting}/edit`])
      expect(await status(path)).toBe(302);
  });

  it("answers 404 for unknown addresses and records", async () => {
    expect(await status("/no-such-page", "admin")).toBe(404);
    expect(await status("/villages/999999", "admin")).toBe(404);
    expect(await status("/villages/abc", "viewer")).toBe(404);
    expect(await status("/projects/999999/edit", "clerk")).toBe(404);
    expect(await status("/reports/999999", "viewer")).toBe(404);
    // a term asked for under another project is not found there
    expect(await status(`/projects/${ids.otherProject}/terms/${ids.term}`, "viewer")).toBe(404);
    expect(await status("/reports/999999/export.csv", "viewer")).toBe(404);
  });
});

describe("changes", () => {
  const createUserForm = (username: string) =>
    new URLSearchParams({ intent: "create", username, displayName: "测试", role: "admin", password: "long-enough-1" });

  it("refuses a change sent from another site's page, even with the admin's cookie", async () => {
    const response = await fetch(`${app.url}/users`, {
      method: "POST",
      body: createUserForm("csrf-victim"),
      headers: { Cookie: cookies.admin, Origin: "http://evil.example" },
      redirect: "manual",
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("请求来源不被允许");
    // the refusal page carries the same Content-Security-Policy as every other page
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  it("refuses a change by a role that may not make it", async () => {
    for (const role of ["editor", "clerk", "viewer"] as const) {
      const response = await fetch(`${app.url}/users`, {
        method: "POST",
        body: createUserForm(`by-${role}`),
        headers: { Cookie: cookies[role], Origin: app.url },
        redirect: "manual",
      });
      expect(response.status, role).toBe(403);
    }
  });

  it("wrote none of the refused users", async () => {
    const rows = await app.query<{ username: string }>(
      sql`SELECT username FROM users WHERE username LIKE 'by-%' OR username = 'csrf-victim'`
    );
    expect(rows).toEqual([]);
  });

  it("accepts the same change from the admin on this site", async () => {
    const response = await fetch(`${app.url}/users?_data=routes%2Fusers`, {
      method: "POST",
      body: createUserForm("new-admin"),
      headers: { Cookie: cookies.admin, Origin: app.url },
    });
    expect(response.status).toBe(200);
  });

  it("sends security headers with every page", async () => {
    const response = await fetch(`${app.url}/login`);
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("page bytes", () => {
  // React 18.3.1's stream left NUL bytes where a Chinese character met its 2,048-byte buffer's
  // end (react#31134); pages are now rendered to one string, and this keeps it so: every page of
  // the demo township, every record page included
  it("holds no NUL byte on any page", async () => {
    const records = await app.query<{ path: string }>(sql`
      SELECT '/villages/' || id AS path FROM villages UNION ALL SELECT '/summary/' || id FROM villages
      UNION ALL SELECT '/enterprises/' || id FROM enterprises UNION ALL SELECT '/organizations/' || id FROM organizations
      UNION ALL SELECT '/projects/' || id FROM projects UNION ALL SELECT '/income/' || id FROM (SELECT id FROM income_records LIMIT 40)`);
    const pages = [
      "/",
      "/villages",
      "/enterprises",
      "/organizations",
      "/projects",
      "/income",
      "/summary",
      "/summary/print",
      "/summary?unit=wan",
      "/map",
      "/import",
      "/audit",
      "/users",
      "/settings",
      "/townships",
      ...records.map((r) => r.path),
    ];
    const withNul: string[] = [];
    for (const page of pages) {
      const response = await fetch(`${app.url}${page}`, { headers: { Cookie: cookies.admin } });
      expect(response.status, page).toBe(200);
      if (new Uint8Array(await response.arrayBuffer()).includes(0)) withNul.push(page);
    }
    expect(pages.length).toBeGreaterThan(80);
    expect(withNul).toEqual([]);
  });
});

describe("the login limit per address", () => {
  // last in this file: afterwards nobody may sign in from this machine's address for a minute
  it("answers 429 once one address has tried 20 wrong logins, whatever the user names", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const response = await fetch(`${app.url}/login`, {
        method: "POST",
        body: new URLSearchParams({ username: `guess${i}`, password: "wrong-password" }),
        headers: { Origin: app.url },
        redirect: "manual",
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(5).fill(429));
    const [{ n }] = await app.query<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'login_failed' AND after LIKE '%guess%'`
    );
    expect(n).toBe(20);
  });
});

describe("the session secret", () => {
  it("is generated once when SESSION_SECRET is unset and kept, so a session survives a restart", async () => {
    const databaseFile = freshDatabaseFile();
    const first = await startServer({ databaseFile, env: { SESSION_SECRET: "" } });
    const cookie = await loginCookie(first.url, "admin", "demo-admin-2024");
    await first.stop();
    const second = await startServer({ databaseFile, env: { SESSION_SECRET: "" } });
    try {
      const response = await fetch(`${second.url}/users`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(response.status).toBe(200);
      // and a cookie signed with another secret is not accepted
      const forged = await fetch(`${second.url}/users`, {
        headers: { Cookie: cookie.replace(/.$/, (c: string) => (c === "A" ? "B" : "A")) },
        redirect: "manual",
      });
      expect(forged.status).toBe(302);
    } finally {
      await second.stop();
    }
  });
});
