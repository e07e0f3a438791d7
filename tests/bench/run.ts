import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { launchBrowser, loginAs } from "../helpers/browser";
import { loginCookie, startServer } from "../helpers/server";

// `npm run bench`: a province-scale database from a fixed seed, then the app's own code paths —
// models in this process, the built server over loopback, its pages in Chromium — timed against
// the raw limit of the same database. Prints one table and writes tests/bench/RESULTS.md.

const dir = mkdtempSync(path.join(os.tmpdir(), "cunqi-bench-"));
const databaseFile = path.join(dir, "bench.db");
process.env.DATABASE_URL = `file:${databaseFile}`;

const { getDatabase, getDb } = await import("../../db/client");
const { migrateDatabase } = await import("../../db/migrate");
const { generateProvince, SIZES } = await import("./generate");
const { villageIncomeSummary, villageIncomeDetail } = await import("~/models/summary.server");
const { mapFeatures } = await import("~/models/map.server");
const { listVillages } = await import("~/models/village.server");
const { importFile } = await import("~/models/import.server");
const { currentYear } = await import("~/lib/dates");

type Row = { what: string; median: string; p95: string; note: string };
const rows: Row[] = [];
const ms = (x: number) => `${x.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const log = (line: string) => console.error(`[bench] ${line}`);

/** Median and p95 of `runs` timed calls after two untimed ones. */
async function measure(fn: () => unknown, runs = 20) {
  for (let i = 0; i < 2; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)],
    p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)],
  };
}
const timed = (what: string, r: { median: number; p95: number }, note = "") =>
  add({ what, median: ms(r.median), p95: ms(r.p95), note });
/** A row of the table, also shown at once on stderr. */
function add(row: Row) {
  rows.push(row);
  log(`${row.what}: ${row.median} ${row.p95} ${row.note}`);
}

const t0 = performance.now();
const year = currentYear() - 1;
// BENCH_DB=<a copy of an earlier run's bench.db> skips the generation, when working on the bench itself
if (process.env.BENCH_DB) copyFileSync(process.env.BENCH_DB, databaseFile);
const { client } = await getDatabase();
await migrateDatabase(await getDb());
const { skewedVillage } = process.env.BENCH_DB ? { skewedVillage: 1 } : await generateProvince(client, year, log);
log(`generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

// 1. the per-village summary of one year, all villages, against hand-written statements of the
// same figures through the same driver and through better-sqlite3
const fromTable = `SELECT v.id AS villageId, v.name AS villageName, v.code AS villageCode, t.id AS townshipId, t.name AS townshipName,
    COALESCE(c.operating, 0) AS operating, COALESCE(c.contracting, 0) AS contracting, COALESCE(c.investment, 0) AS investment,
    COALESCE(c.subsidy, 0) AS subsidy, COALESCE(c.other, 0) AS other, COALESCE(c.total_fen, 0) AS totalFen,
    COALESCE(c.operating + c.contracting + c.investment, 0) AS operatingIncomeFen, COALESCE(p.total_fen, 0) AS lastYearFen
  FROM villages v JOIN townships t ON t.id = v.township_id
  LEFT JOIN village_year_income c ON c.year = ${year} AND c.village_id = v.id
  LEFT JOIN village_year_income p ON p.year = ${year - 1} AND p.village_id = v.id`;
const ranked = `SELECT *, RANK() OVER (ORDER BY operatingIncomeFen DESC) AS rank FROM (${fromTable})`;
const RAW = {
  "rows": `${ranked} ORDER BY rank`,
  "one JSON array": `SELECT json_group_array(json_array(villageId, villageName, villageCode, townshipId, townshipName, operating,
      contracting, investment, subsidy, other, totalFen, operatingIncomeFen, lastYearFen, rank) ORDER BY rank) AS j FROM (${ranked})`,
};
const ledger = (from: number) => `SELECT v.id, SUM(CASE WHEN i.category IN ('operating','contracting','investment') THEN i.amount_fen ELSE 0 END) AS op,
    SUM(i.amount_fen) AS total
  FROM villages v LEFT JOIN income_records i ON i.village_id = v.id AND i.received_on >= '${from}-01-01'
    AND i.received_on < '${from + 1}-01-01' AND i.voided_at IS NULL
  GROUP BY v.id`;
const summary = await measure(() => villageIncomeSummary({ year }));
const raw: Record<string, number> = {};
for (const [form, statement] of Object.entries(RAW)) {
  raw[form] = (
    await measure(async () => {
      const r = await client.execute(statement);
      if (form !== "rows") JSON.parse(String(r.rows[0].j));
    })
  ).median;
}
const rawBest = Math.min(...Object.values(raw));
const ledgerRaw = await measure(() => client.execute(ledger(year)), 10);
// better-sqlite3 reads a copy: two SQLite libraries in one process must not share a file's locks
await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
const betterFile = path.join(dir, "better-sqlite3.db");
copyFileSync(databaseFile, betterFile);
const better = new Database(betterFile, { readonly: true });
const betterRows = await measure(() => better.prepare(RAW.rows).all());
const betterLedger = await measure(() => better.prepare(ledger(year)).all(), 10);
timed(
  `per-village summary, ${SIZES.villages.toLocaleString()} villages, ${year} (the model /summary calls)`,
  summary,
  `${(summary.median / rawBest).toFixed(2)} × the same figures hand-written through the same driver (${ms(
    raw.rows
  )} as rows, ${ms(raw["one JSON array"])} as one JSON array); better-sqlite3 12: ${ms(betterRows.median)} (${(
    summary.median / betterRows.median
  ).toFixed(2)} ×)`
);
timed(
  "the same year summed from the 2,000,000-record ledger instead (GROUP BY, no summary table)",
  ledgerRaw,
  `hand-written; better-sqlite3 12: ${ms(betterLedger.median)}; 10 runs`
);
better.close();
rmSync(betterFile);

// 2. one village's income page: the skewed village (50,000 records) and a typical one
for (const [label, id] of [
  ["skewed village (50,000 records)", skewedVillage],
  ["typical village", 5000],
] as const) {
  timed(`one village's income page, ${label}`, await measure(() => villageIncomeDetail(id, year)));
}

// 3. map data: a county-sized view (about 3 × 3 townships) and the whole province
const layers = ["villages", "projects", "enterprises"] as ("villages" | "projects" | "enterprises")[];
const county = { year, layers, bbox: [118, 28, 118.45, 28.45] as [number, number, number, number] };
const countyData = await mapFeatures(county);
timed("/map.geojson, county view", await measure(() => mapFeatures(county)), `${countyData.features.length.toLocaleString()} features`);
const provinceData = await mapFeatures({ year, layers });
const points = Object.values(provinceData.counts).reduce((n, c) => n + (c ?? 0), 0);
timed(
  "/map.geojson, whole province",
  await measure(() => mapFeatures({ year, layers })),
  `${provinceData.features.length.toLocaleString()} grid clusters for ${points.toLocaleString()} points`
);
const full = await measure(() => mapFeatures({ year, layers }, { clusterBeyond: Infinity }), 3);
timed("/map.geojson?full=1, whole province (the GeoJSON download)", full, `${points.toLocaleString()} features; 3 runs`);

// 4. the village list: page 1 of one township, and a search by name
timed(
  "village list, page 1, one township",
  await measure(() => listVillages({ page: 1, sort: "code", dir: "asc", townshipId: 250, year }))
);
timed("village list, search by name", await measure(() => listVillages({ page: 1, sort: "code", dir: "asc", q: "村123", year })));

// 5. import of 100,000 income rows (validate + commit) from CSV and XLSX, against a raw insert
const N = 100_000;
const codes = (await client.execute("SELECT code FROM villages ORDER BY id LIMIT 500")).rows.map((r) => String(r.code));
const header = "区划代码,日期,类别,金额（元）,凭证号";
const run = Date.now().toString(36); // vouchers new to the ledger, even in a reused database
const incomeRows = (tag: string) =>
  Array.from({ length: N }, (_, i) => [
    codes[i % codes.length],
    `${year}-06-15`,
    "经营收入",
    (100 + (i % 900)).toFixed(2),
    `${tag}-${run}-${i}`,
  ]);
const csvOf = (lines: string[][]) => new TextEncoder().encode([header, ...lines.map((r) => r.join(","))].join("\r\n"));
async function importRate(bytes: Uint8Array) {
  const start = performance.now();
  const result = await importFile("income", bytes, { commit: true, actor: null });
  if (!result.committed) throw new Error(`import refused: ${JSON.stringify(result.plan.errors.slice(0, 3))}`);
  return (performance.now() - start) / 1000;
}
const csvSeconds = await importRate(csvOf(incomeRows("CSV")));
const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet("收入");
sheet.addRow(header.split(","));
for (const r of incomeRows("XLSX")) sheet.addRow([r[0], r[1], r[2], Number(r[3]), r[4]]);
const xlsxSeconds = await importRate(new Uint8Array(await workbook.xlsx.writeBuffer()));
// the raw limit: the same rows, village codes already resolved, in one transaction, the fastest
// way this driver takes them (one JSON parameter per 10,000 rows); the triggers fire as for the app
const ids = new Map((await client.execute("SELECT id, code FROM villages")).rows.map((r) => [String(r.code), Number(r.id)]));
let start = performance.now();
const rawTx = await client.transaction("write");
const rawRows = incomeRows("RAW").map((r) => [ids.get(r[0]), r[1], "operating", Math.round(Number(r[3]) * 100), r[4]]);
for (let i = 0; i < N; i += 10_000) {
  await rawTx.execute({
    sql: `INSERT INTO income_records (village_id, received_on, category, amount_fen, voucher)
      SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?)`,
    args: [JSON.stringify(rawRows.slice(i, i + 10_000))],
  });
}
await rawTx.commit();
const rawSeconds = (performance.now() - start) / 1000;
const rate = (s: number) => `${Math.round(N / s).toLocaleString()} rows/s`;
const importRow = (format: string, seconds: number) =>
  add({
    what: `import 100,000 income rows from ${format} (read, check, commit)`,
    median: rate(seconds),
    p95: "",
    note: `${Math.round((rawSeconds / seconds) * 100)} % of the raw insert (${rate(rawSeconds)}); ${seconds.toFixed(1)} s`,
  });
importRow("CSV", csvSeconds);
importRow("XLSX", xlsxSeconds);

// 6. the built server on this database: load on /summary and a village's page, memory throughout
const server = await startServer({ databaseFile, env: { SEED_DEMO: "0" } });
let peakRss = 0;
const phasePeaks: Record<string, number> = {};
let phase = "start";
const sampler = setInterval(() => {
  try {
    const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
    const kbytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    peakRss = Math.max(peakRss, kbytes);
    phasePeaks[phase] = Math.max(phasePeaks[phase] ?? 0, kbytes);
  } catch {
    // the server has stopped
  }
}, 50);
const cookie = await loginCookie(server.url, "admin", "demo-admin-2024");
async function load(url: string) {
  const result = await autocannon({
    url: `${server.url}${url}`,
    connections: 8,
    duration: 10,
    headers: { cookie },
  });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}
for (const [label, url] of [
  ["/summary (whole province: township subtotals)", `/summary?year=${year}`],
  ["/summary of one township (20 villages)", `/summary?year=${year}&township=250`],
  ["a village's income page", `/summary/5000?year=${year}`],
] as const) {
  phase = label;
  const result = await load(url);
  add({
    what: `HTTP ${label}, 8 clients for 10 s`,
    median: `${Math.round(result.requests.average)} req/s`,
    p95: `${result.latency.p97_5} ms (p97.5)`,
    note: `median latency ${result.latency.p50} ms; ${result.requests.total.toLocaleString()} requests; server peak RSS ${mb(
      phasePeaks[label] ?? 0
    )}`,
  });
}
// an import through the web page, the way a clerk sends it
phase = "web import";
const form = new FormData();
form.set("kind", "income");
form.set("intent", "commit");
form.set("file", new Blob([csvOf(incomeRows("WEB"))]), "income.csv");
start = performance.now();
// the page's own action, answering as data (what Remix asks for when the form submits in the browser)
const response = await fetch(`${server.url}/import?_data=routes%2Fimport`, {
  method: "POST",
  body: form,
  headers: { cookie, Origin: server.url },
});
const webSeconds = (performance.now() - start) / 1000;
const web = (await response.json()) as { committed: boolean; plan: { create: number } };
if (!web.committed || web.plan.create !== N) throw new Error(`web import failed: ${JSON.stringify(web).slice(0, 300)}`);
add({
  what: "import 100,000 income rows from CSV through the web page",
  median: rate(webSeconds),
  p95: "",
  note: `server peak RSS during the import ${mb(phasePeaks["web import"] ?? 0)}`,
});

// 7. in Chromium: the whole province's map (80,000 sites) and the JavaScript each page downloads
phase = "chromium";
// Debian's Chromium, as npm test installs it
if (existsSync("/usr/bin/chromium")) {
  const context = await launchBrowser();
  const page = context.pages()[0] ?? (await context.newPage());
  const scripts = new Set<string>();
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith(".js")) scripts.add(u.pathname);
  });
  await loginAs(page, server.url, "admin", "demo-admin-2024");
  const jsOf = async (url: string) => {
    scripts.clear();
    await page.goto(`${server.url}${url}`, { waitUntil: "networkidle" });
    return [...scripts];
  };
  const gz = (files: string[]) => files.reduce((n, f) => n + gzipSync(readFileSync(path.join("public", f))).length, 0);
  const manifestFile = readdirSync("public/build").find((f) => f.startsWith("manifest-"))!;
  const manifest = JSON.parse(
    readFileSync(path.join("public/build", manifestFile), "utf8").replace(/^window.__remixManifest=/, "").replace(/;$/, "")
  ) as { entry: { module: string; imports?: string[] }; routes: Record<string, { module: string; imports?: string[] }> };
  const fromManifest = (...routeIds: string[]) => [
    ...new Set(
      [manifest.entry, ...routeIds.map((id) => manifest.routes[id])].flatMap((r) => [r.module, ...(r.imports ?? [])])
    ),
  ];
  for (const [url, route] of [
    ["/", "routes/_index"],
    [`/summary?year=${year}`, "routes/summary._index"],
    ["/map", "routes/map"],
  ] as const) {
    const downloaded = await jsOf(url);
    const listed = fromManifest("root", route);
    const extra = downloaded.filter((f) => !listed.includes(f));
    const named = (f: string) => (f.includes("manifest-") ? "the route manifest" : f.includes("leaflet") ? "Leaflet" : f);
    add({
      what: `JavaScript of ${url.split("?")[0]}, gzipped`,
      median: kb(gz(downloaded)),
      p95: "",
      note: `${downloaded.length} files loaded in Chromium: ${kb(gz(listed))} the build's manifest lists for the page${
        extra.length ? `, ${kb(gz(extra))} ${[...new Set(extra.map(named))].join(" and ")}` : ""
      }`,
    });
  }
  // long tasks while the province map loads: observed from the start of the navigation
  await page.addInitScript(() => {
    const seen: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = seen;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => seen.push(e.duration))).observe({
      type: "longtask",
      buffered: true,
    });
  });
  start = performance.now();
  await page.goto(`${server.url}/map?year=${year}`);
  await page.locator(".map-cluster").first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  const mapSeconds = (performance.now() - start) / 1000;
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const clustersShown = await page.locator(".map-cluster").count();
  add({
    what: `the province map in Chromium (${points.toLocaleString()} points)`,
    median: `${Math.max(0, ...longTasks).toFixed(0)} ms longest task`,
    p95: "",
    note: `${longTasks.length} tasks over 50 ms; ${clustersShown} clusters drawn; loaded in ${mapSeconds.toFixed(1)} s`,
  });
  await context.close();
} else {
  add({
    what: "pages in Chromium",
    median: "not measured",
    p95: "",
    note: "no /usr/bin/chromium (npm test installs it)",
  });
}
clearInterval(sampler);
await server.stop();
add({
  what: "server memory through the whole run",
  median: `${mb(peakRss)} peak RSS`,
  p95: "",
  note: "sampled every 50 ms from /proc",
});

// the table, on the console and in RESULTS.md
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const machine = `${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const table = [
  "| what | median | p95 | note |",
  "| --- | --- | --- | --- |",
  ...rows.map((r) => `| ${r.what} | ${r.median} | ${r.p95} | ${r.note} |`),
].join("\n");
console.log(table);
const when = new Date().toISOString().slice(0, 16).replace("T", " ");
const total = (performance.now() - t0) / 1000;
const commit = (() => {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
})();
writeFileSync(
  path.join(process.cwd(), "tests/bench/RESULTS.md"),
  `# Benchmark results\n\n${when} UTC · commit ${commit} · ${machine} · whole run ${Math.round(total)} s\n\nData: ${Object.entries(
    SIZES
  )
    .map(([k, v]) => `${k} ${v.toLocaleString()}`)
    .join(", ")}.\n\n${table}\n`
);
if (process.env.BENCH_KEEP) log(`done in ${Math.round(total)} s; database kept in ${dir}`);
else {
  rmSync(dir, { recursive: true, force: true });
  log(`done in ${Math.round(total)} s`);
}
