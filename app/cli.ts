import { createWriteStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { closeDatabase, getDb } from "../db/client";
import { backupDatabase } from "../db/backup";
import { migrateDatabase } from "../db/migrate";
import { translate } from "./i18n";
import { IMPORT_KINDS, type ImportKind } from "./models/formats.server";
import { buildExport, EXPORT_PARAMS, type ExportKind } from "./models/exports.server";
import { getReport } from "./models/report.server";
import { MAX_UPLOAD_BYTES } from "./lib/tabular.server";
import { firstError, RECEIVABLE_GROUPS } from "./validation/params";
import { importFile } from "./models/import.server";

// The same import and export as the web pages, for administrators and scripts, against
// DATABASE_URL. Built into build/cli.js by `npm run import` / `npm run export`.

const USAGE = `用法 usage:
  npm run import -- <villages|enterprises|organizations|projects|income|terms> <file> [--dry-run]
  npm run export -- <summary|villages|enterprises|organizations|projects|income|terms|closing|receivables> [--year YYYY] [--format csv|xlsx] [--out FILE]
  npm run export -- receivables [--by enterprise|village|project] [--overdue] [--format csv|xlsx] [--out FILE]
  npm run export -- report --report N [--format csv|xlsx] [--out FILE]
  npm run backup [-- --out FILE]`;
const EXPORT_KINDS = [
  "summary",
  "villages",
  "enterprises",
  "organizations",
  "projects",
  "income",
  "closing",
  "report",
  "receivables",
  "terms",
] as const;
const zh = (key: string, params?: Record<string, string | number>) => translate("zh-CN", key, params);

function option(args: string[], name: string) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Each command's flags: those taking a value, and switches. Anything else is refused, not ignored. */
const FLAGS: Record<string, { values: string[]; switches: string[] }> = {
  import: { values: [], switches: ["--dry-run"] },
  export: { values: ["--year", "--format", "--out", "--report", "--by"], switches: ["--overdue"] },
  backup: { values: ["--out"], switches: [] },
};

/** The first flag the command does not know, or a flag left without its value. */
function badFlag(command: string, args: string[]) {
  const { values, switches } = FLAGS[command];
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith("--")) continue;
    if (switches.includes(args[i])) continue;
    if (!values.includes(args[i])) return args[i];
    if (args[i + 1] === undefined || args[i + 1].startsWith("--")) return args[i];
    i++;
  }
  return null;
}

async function runImport(args: string[]) {
  const [kind, file] = args;
  if (!IMPORT_KINDS.includes(kind as ImportKind) || !file) throw new UsageError();
  const dryRun = args.includes("--dry-run");
  // the same limit as the web page's, before the file is read
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    console.error(zh("error.import.noFile"));
    return 1;
  }
  if (size > MAX_UPLOAD_BYTES) {
    console.error(zh("error.import.tooLarge"));
    return 1;
  }
  // an empty database is migrated first; nothing else is added to it
  await migrateDatabase(await getDb());
  const bytes = new Uint8Array(await readFile(file));
  const { plan, committed } = await importFile(kind as ImportKind, bytes, {
    commit: !dryRun,
    actor: null,
    fileName: file,
  });
  if (plan.fileError) {
    console.error(`${zh(plan.fileError, plan.fileErrorParams)}${plan.errors[0] ? `：${plan.errors[0].column}` : ""}`);
    return 1;
  }
  console.log(
    zh("import.counts", {
      rows: plan.rows,
      create: plan.create,
      update: plan.update,
      skip: plan.skip,
      errors: plan.errors.length,
    })
  );
  if (plan.unknownColumns.length) console.log(zh("import.unknownColumns", { columns: plan.unknownColumns.join("、") }));
  for (const e of plan.errors) console.error(`第 ${e.row} 行 [${e.column}] ${zh(e.message, e.params)}`);
  if (plan.errors.length) {
    console.error(zh("import.hasErrors", { count: plan.errors.length }));
    return 1;
  }
  console.log(
    dryRun ? "（--dry-run：未写入 nothing written）" : committed ? "已写入 written." : "无需写入 nothing to write."
  );
  return 0;
}

async function runExport(args: string[]) {
  const [kind] = args;
  if (!EXPORT_KINDS.includes(kind as ExportKind)) throw new UsageError();
  const format = option(args, "--format") ?? "csv";
  if (format !== "csv" && format !== "xlsx") throw new UsageError();
  const year = option(args, "--year");
  // the same parameters as the page's, from the flags: a year that makes no sense is refused, and
  // none is every year (year= on the page; the page itself opens the ledger on this year)
  // --by and --overdue are 应收款's alone
  const by = option(args, "--by");
  if (by !== undefined && !RECEIVABLE_GROUPS.includes(by as never)) throw new UsageError();
  if (kind !== "receivables" && (by !== undefined || args.includes("--overdue"))) throw new UsageError();
  const params = EXPORT_PARAMS[kind as ExportKind].safeParse(
    kind === "report"
      ? { report: option(args, "--report") }
      : kind === "receivables"
      ? { by, overdue: args.includes("--overdue") ? "1" : undefined }
      : { year: year ?? "" }
  );
  if (!params.success) {
    console.error(zh(firstError(params.error)));
    return 2;
  }
  await migrateDatabase(await getDb());
  if (kind === "report" && !(await getReport((params.data as { reportId: number }).reportId))) {
    console.error(zh("errorPage.notFoundText"));
    return 2;
  }
  const file = await buildExport(kind as ExportKind, params.data, format, false);
  const out = option(args, "--out");
  // the same stream the web page sends, written as it comes
  const body = Readable.fromWeb(file.body as import("node:stream/web").ReadableStream<Uint8Array>);
  if (out) {
    await pipeline(body, createWriteStream(out));
    console.error(`${out}（${(await stat(out)).size} 字节 bytes）`);
  } else await pipeline(body, process.stdout);
  return 0;
}

async function runBackup(args: string[]) {
  const result = await backupDatabase(option(args, "--out"));
  if (!result.ok) {
    console.error(zh(`error.${result.error}`));
    return 1;
  }
  console.log(
    zh("backup.done", {
      file: result.file,
      size: `${(result.bytes / 1024 / 1024).toFixed(1)} MB`,
      counts: Object.entries(result.counts)
        .map(([table, n]) => `${table} ${n}`)
        .join("，"),
    })
  );
  console.log(zh("backup.restore", { file: result.file }));
  return 0;
}

class UsageError extends Error {}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  try {
    const flag = command in FLAGS ? badFlag(command, args) : null;
    if (flag) {
      console.error(`未知的选项或缺少取值 unknown option or missing value: ${flag}`);
      throw new UsageError();
    }
    if (command === "import") return await runImport(args);
    if (command === "export") return await runExport(args);
    if (command === "backup") return await runBackup(args);
    throw new UsageError();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(USAGE);
      return 2;
    }
    throw error;
  } finally {
    await closeDatabase();
  }
}

process.exitCode = await main();
