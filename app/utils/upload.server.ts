import {
  MaxPartSizeExceededError,
  NodeOnDiskFile,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { MAX_UPLOAD_BYTES } from "~/lib/tabular.server";

/**
 * The request with its body handed on a few chunks at a time, letting other requests in between:
 * the multipart parser otherwise works through everything the socket has buffered in one go
 * (a 24 MB upload held the server for 0.3 s).
 */
function paced(request: Request) {
  if (!request.body) return request;
  let chunks = 0;
  const body = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      async transform(chunk, controller) {
        controller.enqueue(chunk);
        if (++chunks % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
      },
    })
  );
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    duplex: "half",
  } as RequestInit);
}

/**
 * An upload form as it streams in: the file goes to a temporary folder on disk, never whole into
 * memory, and stops at MAX_UPLOAD_BYTES; the other fields are small. The file keeps the name it
 * was sent with (the page and the audit log show it). The caller calls `done()` afterwards.
 */
export async function receiveUpload(request: Request, field = "file") {
  const directory = await mkdtemp(path.join(os.tmpdir(), "cunqi-upload-"));
  const done = () => rm(directory, { recursive: true, force: true });
  try {
    const form = await unstable_parseMultipartFormData(
      paced(request),
      unstable_composeUploadHandlers(
        unstable_createFileUploadHandler({
          maxPartSize: MAX_UPLOAD_BYTES,
          directory,
          // the sent name without any folder in it; its own folder keeps it apart from others'
          file: ({ filename }) => path.basename(filename.replace(/\\/g, "/")) || "upload",
          filter: ({ name }) => name === field,
        }),
        unstable_createMemoryUploadHandler({ maxPartSize: 10_000 })
      )
    );
    const file = form.get(field);
    return { ok: true as const, form, file: file instanceof NodeOnDiskFile ? file : null, done };
  } catch (error) {
    await done();
    if (error instanceof MaxPartSizeExceededError) return { ok: false as const, error: "error.import.tooLarge" };
    // not a multipart form at all
    if (error instanceof TypeError) return { ok: false as const, error: "error.import.noFile" };
    throw error;
  }
}
