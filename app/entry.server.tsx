import { randomBytes } from "node:crypto";
import { Transform } from "node:stream";
import type { EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./components/nonce";
import { securityHeaders } from "./lib/security-headers.server";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext
) {
  const nonce = randomBytes(16).toString("base64");
  // The whole page is rendered before it is sent, as one body: the loaders have run already (no
  // page defers data), and React's stream writes 2 kB pieces that the gzip middleware would
  // compress one thread-pool trip at a time (4 ms on a 16 kB page, more than the rest of it).
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          const chunks: Buffer[] = [];
          const body = withoutStrayNuls();
          body.on("data", (chunk: Buffer) => chunks.push(chunk));
          body.on("end", () => {
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            // the other security headers come from the server (app/server.ts) for every response
            responseHeaders.set("Content-Security-Policy", securityHeaders(nonce)["Content-Security-Policy"]);
            resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
          });
          body.on("error", reject);
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      }
    );
    setTimeout(abort, ABORT_DELAY).unref();
  });
}

/**
 * React 18.3.1 flushes its whole 2,048-byte buffer when a multi-byte character did not fit at its
 * end, so up to three unwritten NUL bytes land between two Chinese characters (react#31134; fixed
 * in React 19, which Remix 2 does not take). HTML holds no NUL of its own: they are dropped.
 */
function withoutStrayNuls() {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let end = chunk.length;
      while (end > 0 && chunk.length - end < 3 && chunk[end - 1] === 0) end--;
      done(null, end === chunk.length ? chunk : chunk.subarray(0, end));
    },
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
