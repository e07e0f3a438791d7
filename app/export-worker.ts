import { parentPort, type MessagePort } from "node:worker_threads";
import { buildExport, type ExportKind, type ExportParams } from "~/models/exports.server";
import type { ExportFormat } from "~/lib/export.server";

// Exports in a worker thread of the server (utils/export-run.server.ts), one after another: the
// database reads and the CSV or XLSX writing run here, on their own connection and event loop,
// so a province's file never holds up another user's page. Each export's bytes go back on its
// own channel a chunk at a time, and only while the server has passed the ones before on
// (credit), so memory stays flat however big the file.

export type ExportJob = { kind: ExportKind; params: ExportParams[ExportKind]; format: ExportFormat; english: boolean };
export type ExportMessage =
  | { type: "head"; contentType: string; fileName: string }
  | { type: "chunk"; bytes: Uint8Array }
  | { type: "end" }
  | { type: "error"; message: string };

/** Chunks sent and not yet passed on by the server, at most. */
const CREDIT = 8;

async function run(job: ExportJob, port: MessagePort) {
  const send = (message: ExportMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  let credit = CREDIT;
  let wake: (() => void) | null = null;
  port.on("message", () => {
    credit++;
    wake?.();
    wake = null;
  });
  try {
    const file = await buildExport(job.kind, job.params as never, job.format, job.english);
    send({ type: "head", contentType: file.contentType, fileName: file.fileName });
    const reader = file.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
      credit--;
      // a copy of its own to hand over: a Buffer may be a view into a pool shared with others
      const bytes = new Uint8Array(value);
      send({ type: "chunk", bytes }, [bytes.buffer]);
    }
    send({ type: "end" });
  } catch (error) {
    send({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
  port.close();
}

parentPort!.on("message", async ({ job, port }: { job: ExportJob; port: MessagePort }) => {
  await run(job, port);
  parentPort!.postMessage("idle");
});
