import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";

// An XLSX is a zip. Before any spreadsheet reader sees one, its directory is read and every part
// inflated once into nothing, counting: a zip bomb (a few MB that inflate to gigabytes), a part
// that inflates to more than it declares, or a file cut short is refused with a clear message
// instead of filling the server's memory or hanging. yauzl checks each part's actual size
// against the declared one as it inflates, and stops at the first byte too many.

export const XLSX_LIMITS = {
  /** all parts together, inflated */
  totalBytes: 200 * 1024 * 1024,
  /** parts in the zip (a workbook has a few dozen) */
  entries: 2_000,
};

export type XlsxCheck = { ok: true } | { ok: false; error: string; params?: Record<string, string> };

const megabytes = (bytes: number) => String(Math.round(bytes / 1024 / 1024));

/** Counts the <row> tags of a worksheet's XML as it streams by (a tag may straddle two chunks). */
function rowCounter(onRow: (count: number) => void) {
  let count = 0;
  let tail = "";
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = tail + chunk.toString("latin1");
      count += text.match(/<row[\s>/]/g)?.length ?? 0;
      // what may be the start of a tag cut by the chunk's end is looked at again with the next
      tail = text.slice(-4);
      onRow(count);
      done();
    },
  });
}

export function checkXlsx(bytes: Uint8Array, limits = XLSX_LIMITS, maxRows = Infinity): Promise<XlsxCheck> {
  return new Promise((resolve) => {
    const tooBig: XlsxCheck = {
      ok: false,
      error: "error.import.inflatesTooMuch",
      params: { limit: megabytes(limits.totalBytes) },
    };
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true },
      (error, zip) => {
        if (error || !zip) return resolve({ ok: false, error: "error.import.format" });
        let declared = 0;
        let entries = 0;
        let settled = false;
        const finish = (result: XlsxCheck) => {
          if (settled) return;
          settled = true;
          zip.close();
          resolve(result);
        };
        zip.on("error", () => finish({ ok: false, error: "error.import.format" }));
        zip.on("end", () => finish({ ok: true }));
        zip.on("entry", (entry: yauzl.Entry) => {
          declared += entry.uncompressedSize;
          if (++entries > limits.entries || declared > limits.totalBytes) return finish(tooBig);
          if (entry.fileName.endsWith("/")) return zip.readEntry();
          zip.openReadStream(entry, async (streamError, stream) => {
            if (streamError || !stream) return finish({ ok: false, error: "error.import.format" });
            try {
              // inflate into nothing: only the counts matter, and yauzl stops a part that lies
              let rows = 0;
              const sink = /^xl\/worksheets\/[^/]+\.xml$/.test(entry.fileName)
                ? rowCounter((count) => (rows = count))
                : new Writable({ write: (_chunk, _encoding, done) => done() });
              await pipeline(stream, sink);
              // a few rows of title above the header are allowed for
              if (rows > maxRows + 20)
                return finish({
                  ok: false,
                  error: "error.import.tooManyRows",
                  params: { limit: maxRows.toLocaleString("en-US") },
                });
              zip.readEntry();
            } catch {
              finish({ ok: false, error: "error.import.format" });
            }
          });
        });
        zip.readEntry();
      }
    );
  });
}
