import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { TMP } from "../helpers/paths";
import { rawPost } from "../helpers/raw-post";
import { loginCookie, startServer } from "../helpers/server";
import { zipOf } from "../helpers/zip";

// npm run bench:hostile — the hostile requests of issue 12 against the built server, as `npm start`
// runs it on the demo township: for each, the server's peak memory while it is handled, the
// slowest answer a small page (/login) gave meanwhile (asked every 20 ms), and what the request got.

mkdirSync(TMP, { recursive: true });
const dir = mkdtempSync(path.join(TMP, "hostile-"));
const server = await startServer();
const cookie = await loginCookie(server.url, "admin", "demo-admin-2024");
const MB = 1024 * 1024;

const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1] ?? 0) * 1024;

/** Sends a request while a small page is asked for every 20 ms; the peak RSS and slowest small answer. */
async function measure(send: () => Promise<string>) {
  let peak = rss();
  let slowest = 0;
  let busy = true;
  const sampler = setInterval(() => (peak = Math.max(peak, rss())), 20);
  const prober = (async () => {
    while (busy) {
      const start = performance.now();
      await (await fetch(`${server.url}/login`)).arrayBuffer();
      slowest = Math.max(slowest, performance.now() - start);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const started = performance.now();
  const outcome = await send();
  const seconds = (performance.now() - started) / 1000;
  busy = false;
  await prober;
  clearInterval(sampler);
  return { outcome, seconds, peakMb: Math.round(peak / MB), slowestMs: Math.round(slowest) };
}

/** A raw POST of `bytes` with the admin's cookie: its status, or how it closed. */
const postBytes = async (path: string, bytes: number, contentType: string) =>
  String(await rawPost(server.url, path, bytes, { headers: { Cookie: cookie, "Content-Type": contentType } }));

/**
 * The import page's form with a file, posted by curl in its own process, so that nothing here
 * competes with the small page's timing; the answer's status and first error.
 */
function upload(name: string, bytes: Uint8Array) {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return new Promise<string>((resolve) => {
    execFile(
      "curl",
      [
        "-s",
        "-H",
        `Origin: ${server.url}`,
        "-H",
        `Cookie: ${cookie}`,
        "-F",
        "kind=income",
        "-F",
        "intent=preview",
        "-F",
        `file=@${file}`,
        `${server.url}/import?_data=routes%2Fimport`,
        "-w",
        "\n%{http_code}",
      ],
      { maxBuffer: 64 * MB },
      (_error, stdout) => {
        const [body, status] = [stdout.slice(0, stdout.lastIndexOf("\n")), stdout.slice(stdout.lastIndexOf("\n") + 1)];
        let said = "";
        try {
          const json = JSON.parse(body) as { fileError?: string; plan?: { rows?: number } };
          said = json.fileError ?? `${json.plan?.rows ?? "?"} rows`;
        } catch {
          said = body.slice(0, 40);
        }
        resolve(`${status} ${said}`);
      }
    );
  });
}

/** A 1,000,000-row income workbook, written as a stream. */
async function millionRows() {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = book.addWorksheet("收入");
  sheet.addRow(["区划代码", "日期", "类别", "金额（元）", "凭证号"]).commit();
  for (let i = 0; i < 1_000_000; i++)
    sheet.addRow(["321204100201", "2024-06-15", "经营收入", 100 + (i % 900), `M-${i}`]).commit();
  sheet.commit();
  await book.commit();
  return new Uint8Array(Buffer.concat(chunks));
}

const rows: string[] = [];
const report = (what: string, r: Awaited<ReturnType<typeof measure>>) => {
  const line = `| ${what} | ${r.outcome} | ${r.seconds.toFixed(1)} s | ${r.peakMb} MB | ${r.slowestMs} ms |`;
  rows.push(line);
  console.log(line);
};
console.log(
  `| hostile request | answer | time | server peak RSS | slowest /login meanwhile |\n| --- | --- | --- | --- | --- |`
);
report(
  "POST /login, 100 MB body",
  await measure(() => postBytes("/login", 100 * MB, "application/x-www-form-urlencoded"))
);
report(
  "POST /import, 30 MB body",
  await measure(() => postBytes("/import", 30 * MB, "multipart/form-data; boundary=x"))
);
// every file is made before its request, so that making it does not hold up the small page's timing
const bomb = zipOf("xl/worksheets/sheet1.xml", Buffer.alloc(1024 * MB));
const liar = zipOf("xl/worksheets/sheet1.xml", Buffer.alloc(1024 * MB), 1000);
const million = await millionRows();
const csv = new TextEncoder().encode(
  [
    "区划代码,日期,类别,金额（元）,凭证号",
    ...Array.from({ length: 450_000 }, (_, i) => `321204100201,2024-06-15,经营收入,${100 + (i % 900)}.00,C-${i}`),
  ].join("\r\n")
);
const csv190k = csv.subarray(0, csv.indexOf(0x0a, Math.floor((csv.length * 190) / 450)));
report(
  `XLSX zip bomb: 1 GB of zeros in ${(bomb.length / MB).toFixed(1)} MB, sizes declared`,
  await measure(() => upload("bomb.xlsx", bomb))
);
report("XLSX zip bomb whose part lies about its size", await measure(() => upload("liar.xlsx", liar)));
report(
  `XLSX of 1,000,000 rows (${(million.length / MB).toFixed(1)} MB)`,
  await measure(() => upload("million.xlsx", million))
);
report(
  "XLSX cut inside a part",
  await measure(() => upload("cut.xlsx", million.subarray(0, Math.floor(million.length / 2))))
);
report(`CSV of 450,000 rows (${(csv.length / MB).toFixed(1)} MB)`, await measure(() => upload("big.csv", csv)));
report(
  `CSV of 190,000 rows (${(csv190k.length / MB).toFixed(1)} MB), under the limit: read and checked`,
  await measure(() => upload("190k.csv", csv190k))
);
await server.stop();
