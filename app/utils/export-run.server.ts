import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MessageChannel, Worker } from "node:worker_threads";
import type { ExportJob, ExportMessage } from "~/export-worker";
import type { ExportedFile } from "~/lib/export.server";
import { buildExport } from "~/models/exports.server";

// Exports run in worker threads (app/export-worker.ts, built next to the server as
// build/export-worker.js): a province's year of income is seconds of reading and writing that
// would otherwise hold the server's one event loop, and every other user's page with it. Up to
// EXPORT_THREADS threads, each writing one file at a time and kept a while for the next.

/** Files written at once; more wait their turn (each thread has its own heap and connection). */
const EXPORT_THREADS = 2;
/** Each thread's heap, in MB: a page of rows, or a province's summary (16,000 villages) whole. */
const THREAD_HEAP_MB = 128;
/** Each thread's database page cache, in kB: it reads each page once. */
const THREAD_CACHE_KB = 4096;
/** An idle thread beyond the first is ended after this long; one stays ready for the next file. */
const IDLE_MS = 120_000;

type Thread = { worker: Worker; idleTimer?: ReturnType<typeof setTimeout> };
const idle: Thread[] = [];
let threads = 0;
const waiting: ((thread: Thread) => void)[] = [];

/** The worker beside the built server; absent when the server runs from source (remix dev). */
function workerFile() {
  try {
    const file = fileURLToPath(new URL("./export-worker.js", import.meta.url));
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

function spawnThread(file: string): Thread {
  threads++;
  const thread: Thread = {
    worker: new Worker(file, {
      resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB, maxYoungGenerationSizeMb: 8 },
      env: { ...process.env, DATABASE_CACHE_KB: String(THREAD_CACHE_KB) },
    }),
  };
  thread.worker.on("message", (message) => {
    if (message === "idle") release(thread);
  });
  thread.worker.once("exit", () => {
    threads--;
    const at = idle.indexOf(thread);
    if (at >= 0) idle.splice(at, 1);
    // a thread that ended (out of memory, cancelled) makes room for one waiting
    const next = waiting.shift();
    if (next) next(spawnThread(file));
  });
  return thread;
}

function release(thread: Thread) {
  const next = waiting.shift();
  if (next) return next(thread);
  if (idle.length) {
    thread.idleTimer = setTimeout(() => void thread.worker.terminate(), IDLE_MS);
    thread.idleTimer.unref();
  }
  idle.push(thread);
}

async function acquire(file: string): Promise<Thread> {
  const thread = idle.pop();
  if (thread) {
    clearTimeout(thread.idleTimer);
    return thread;
  }
  if (threads < EXPORT_THREADS) return spawnThread(file);
  return new Promise((resolve) => waiting.push(resolve));
}

/** Starts the first export thread with the server, so that the first file's bytes leave at once. */
export function warmExportThread() {
  const file = workerFile();
  if (file && threads === 0) idle.push(spawnThread(file));
}

/** The same file as buildExport, written in a worker thread and streamed from it. */
export async function runExport(job: ExportJob): Promise<ExportedFile> {
  const file = workerFile();
  if (!file) return buildExport(job.kind, job.params as never, job.format, job.english);
  const thread = await acquire(file);
  const { port1: port, port2 } = new MessageChannel();
  thread.worker.postMessage({ job, port: port2 }, [port2]);
  return new Promise<ExportedFile>((resolve, reject) => {
    let stream: ReadableStreamDefaultController<Uint8Array> | null = null;
    let owed = 0; // chunks taken while the reader was behind: credit given back as it reads
    let headed = false;
    const fail = (error: Error) => (headed ? stream!.error(error) : reject(error));
    const body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          stream = controller;
        },
        pull: () => {
          for (; owed > 0; owed--) port.postMessage("more");
        },
        // the download was abandoned: the thread stops reading the database (and a new one is made)
        cancel: () => void thread.worker.terminate(),
      },
      { highWaterMark: 4 }
    );
    const ended = () => fail(new Error("export thread ended"));
    thread.worker.once("exit", ended);
    port.on("message", (message: ExportMessage) => {
      switch (message.type) {
        case "head":
          headed = true;
          resolve({ body, contentType: message.contentType, fileName: message.fileName });
          return;
        case "chunk":
          stream!.enqueue(message.bytes);
          if ((stream!.desiredSize ?? 0) > 0) port.postMessage("more");
          else owed++;
          return;
        case "end":
          thread.worker.off("exit", ended);
          port.close();
          stream!.close();
          return;
        case "error":
          thread.worker.off("exit", ended);
          port.close();
          fail(new Error(message.message));
      }
    });
  });
}
