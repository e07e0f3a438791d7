import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";

// `npm run bench`: a province-scale database from a fixed seed, then the app's own code paths
// timed against the raw limit of the same driver. Prints one table and writes tests/bench/RESULTS.md.
// First part: summary, village page, map data, lists, import. Still to come (see RESULTS.md):
// better-sqlite3 baseline, HTTP load, memory, JavaScript sizes, the 50,000-site map in Chromium.

const dir = mkdtempSync(path.join(os.tmpdir(), "cunqi-bench-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;

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

async function measure(fn: () => Promise<unknown>, runs = 20) {
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

const log = (line: string) => console.error(`[bench] ${line}`);
const t0 = performance.now();
const { client } = await getDatabase();
await migrateDatabase(await getDb());
const lastYear = currentYear() - 1;
const { skewedVillage } = await generateProvince(client, lastYear, log);
log(`generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

// 1. the per-village summary of one year, all villages, against one hand-written statement
const year = lastYear;
const summary = await measure(() => villageIncomeSummary({ year }));
const raw = await measure(() =>
  client.execute({
    sql: `SELECT v.id, SUM(CASE WHEN i.category IN ('operating','contracting','investment') THEN i.amount_fen ELSE 0 END) AS op, SUM(i.amount_fen) AS total
          FROM villages v LEFT JOIN income_records i ON i.village_id = v.id AND i.received_on >= ? AND i.received_on < ? AND i.voided_at IS NULL
          GROUP BY v.id`,
    args: [`${year}-01-01`, `${year + 1}-01-01`],
  })
);
rows.push({
  what: `per-village summary, ${SIZES.villages.toLocaleString()} villages, ${year}`,
  median: ms(summary.median),
  p95: ms(summary.p95),
  note: `${(summary.median / raw.median).toFixed(2)} × raw SQL through the same driver (${ms(raw.median)})`,
});

// 2. one village's income page: the skewed village (50,000 records) and a typical one
for (const [label, id] of [
  ["skewed village (50,000 records)", skewedVillage],
  ["typical village", 5000],
] as const) {
  const r = await measure(() => villageIncomeDetail(id, year));
  rows.push({ what: `one village's income page, ${label}`, median: ms(r.median), p95: ms(r.p95), note: "" });
}

// 3. map data: a county-sized view (about 3 × 3 townships) and the whole province
const county = {
  year,
  layers: ["villages", "projects", "enterprises"] as ("villages" | "projects" | "enterprises")[],
  bbox: [118, 28, 118.45, 28.45] as [number, number, number, number],
};
const countyCount = (await mapFeatures(county)).features.length;
const countyTime = await measure(() => mapFeatures(county));
rows.push({
  what: "/map.geojson, county view",
  median: ms(countyTime.median),
  p95: ms(countyTime.p95),
  note: `${countyCount.toLocaleString()} features`,
});
const province = { year, layers: county.layers };
const provinceCount = (await mapFeatures(province)).features.length;
const provinceTime = await measure(() => mapFeatures(province), 5);
rows.push({
  what: "/map.geojson, whole province",
  median: ms(provinceTime.median),
  p95: ms(provinceTime.p95),
  note: `${provinceCount.toLocaleString()} features (5 runs)`,
});

// 4. the village list: page 1 of one township, and a search by name
const list = await measure(() => listVillages({ page: 1, sort: "code", dir: "asc", townshipId: 250, year }));
rows.push({ what: "village list, page 1, one township", median: ms(list.median), p95: ms(list.p95), note: "" });
const search = await measure(() => listVillages({ page: 1, sort: "code", dir: "asc", q: "村123", year }));
rows.push({ what: "village list, search by name", median: ms(search.median), p95: ms(search.p95), note: "" });

// 5. import of 100,000 income rows (validate + commit) from CSV and XLSX, against a raw batched insert
const N = 100_000;
const codes = (await client.execute("SELECT code FROM villages ORDER BY id LIMIT 500")).rows.map((r) => String(r.code));
const importRows = Array.from({ length: N }, (_, i) => [
  codes[i % codes.length],
  `${year}-06-15`,
  "经营收入",
  (100 + (i % 900)).toFixed(2),
  `IMP${i}`,
]);
const header = "区划代码,日期,类别,金额（元）,凭证号";
const csvBytes = new TextEncoder().encode([header, ...importRows.map((r) => r.join(","))].join("\r\n"));
let start = performance.now();
const csvResult = await importFile("income", csvBytes, { commit: true, actor: null });
const csvSeconds = (performance.now() - start) / 1000;
if (csvResult.plan.errors.length)
  throw new Error(`import errors: ${JSON.stringify(csvResult.plan.errors.slice(0, 3))}`);
const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet("收入");
sheet.addRow(header.split(","));
for (const r of importRows) sheet.addRow([r[0], r[1], r[2], Number(r[3]), `X${r[4]}`]);
const xlsxBytes = new Uint8Array(await workbook.xlsx.writeBuffer());
start = performance.now();
const xlsxResult = await importFile("income", xlsxBytes, { commit: true, actor: null });
const xlsxSeconds = (performance.now() - start) / 1000;
if (xlsxResult.plan.errors.length)
  throw new Error(`xlsx import errors: ${JSON.stringify(xlsxResult.plan.errors.slice(0, 3))}`);
// the raw limit: the same rows as one transaction of 500-row INSERTs through the same driver
const ids = new Map(
  (await client.execute("SELECT id, code FROM villages")).rows.map((r) => [String(r.code), Number(r.id)])
);
start = performance.now();
const rawTx = await client.transaction("write");
for (let i = 0; i < N; i += 500) {
  const part = importRows.slice(i, i + 500);
  await rawTx.execute({
    sql: `INSERT INTO income_records (village_id, received_on, category, amount_fen, voucher) VALUES ${part
      .map(() => "(?,?,?,?,?)")
      .join(",")}`,
    args: part.flatMap((r) => [ids.get(r[0])!, r[1], "operating", Math.round(Number(r[3]) * 100), `RAW${r[4]}`]),
  });
}
await rawTx.commit();
const rawSeconds = (performance.now() - start) / 1000;
const rate = (s: number) => `${Math.round(N / s).toLocaleString()} rows/s`;
rows.push({
  what: "import 100,000 income rows, CSV",
  median: rate(csvSeconds),
  p95: "",
  note: `${Math.round((rawSeconds / csvSeconds) * 100)} % of the raw insert rate (${rate(rawSeconds)})`,
});
rows.push({
  what: "import 100,000 income rows, XLSX",
  median: rate(xlsxSeconds),
  p95: "",
  note: `${Math.round((rawSeconds / xlsxSeconds) * 100)} % of the raw insert rate`,
});

// the table, on the console and in RESULTS.md
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const machine = `${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${
  process.version
}`;
const table = [
  "| what | median | p95 | note |",
  "| --- | --- | --- | --- |",
  ...rows.map((r) => `| ${r.what} | ${r.median} | ${r.p95} | ${r.note} |`),
].join("\n");
console.log(table);
const when = new Date().toISOString().slice(0, 16).replace("T", " ");
writeFileSync(
  path.join(process.cwd(), "tests/bench/RESULTS.md"),
  `# Benchmark results\n\n${when} UTC · ${machine}\n\nData: ${Object.entries(SIZES)
    .map(([k, v]) => `${k} ${v.toLocaleString()}`)
    .join(
      ", "
    )}.\n\n${table}\n\nNot yet measured: better-sqlite3 baseline, HTTP load (8 clients), server memory, JavaScript sizes, the 50,000-site map in Chromium.\n`
);
log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s; database in ${dir}`);
