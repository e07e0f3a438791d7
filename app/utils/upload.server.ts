import {
  MaxPartSizeExceededError,
  NodeOnDiskFile,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { MAX_UPLOAD_BYTES } from "~/lib/tabular.server";

/**
 * An upload form as it streams in: the file goes to a temporary file on disk, never whole into
 * memory, and stops at MAX_UPLOAD_BYTES; the other fields are small. The caller removes the file.
 */
export async function receiveUpload(request: Request, field = "file") {
  try {
    const form = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(
        unstable_createFileUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES, filter: ({ name }) => name === field }),
        unstable_createMemoryUploadHandler({ maxPartSize: 10_000 })
      )
    );
    const file = form.get(field);
    return { ok: true as const, form, file: file instanceof NodeOnDiskFile ? file : null };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false as const, error: "error.import.tooLarge" };
    // not a multipart form at all
    if (error instanceof TypeError) return { ok: false as const, error: "error.import.noFile" };
    throw error;
  }
}
