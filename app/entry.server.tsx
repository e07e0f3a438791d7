import { randomBytes } from "node:crypto";
import type { EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceProvider } from "./components/nonce";
import { securityHeaders } from "./lib/security-headers.server";

/**
 * Every page is rendered whole, as one string, before it is sent: the loaders have run already (no
 * page defers data or suspends), and one body is what the gzip middleware compresses best. React's
 * stream would cut the page into 2 kB pieces (and 18.3.1 leaves NUL bytes where a Chinese character
 * straddles two, react#31134); rendering to a string skips both, a millisecond of an 8 ms page.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext
) {
  const nonce = randomBytes(16).toString("base64");
  const html = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // the other security headers come from the server (app/server.ts) for every response
  responseHeaders.set("Content-Security-Policy", securityHeaders(nonce)["Content-Security-Policy"]);
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
