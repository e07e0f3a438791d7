import { request as httpRequest } from "node:http";

/**
 * A POST whose body is `bytes` long, sent in 64 kB pieces so that nothing here holds it whole:
 * declared by Content-Length, or in chunks. With `hold` only the first piece is sent, so a refusal
 * by the declared length shows it came before the rest. Each on a fresh connection (the server
 * closes the ones it refuses). The status, or "closed" when the connection ended first.
 */
export function rawPost(
  base: string,
  path: string,
  bytes: number,
  {
    headers = {},
    chunked = false,
    hold = false,
  }: { headers?: Record<string, string>; chunked?: boolean; hold?: boolean } = {}
) {
  return new Promise<number | "closed">((resolve) => {
    const url = new URL(path, base);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        agent: false,
        headers: {
          Origin: base,
          ...headers,
          ...(chunked ? { "Transfer-Encoding": "chunked" } : { "Content-Length": String(bytes) }),
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }
    );
    req.on("error", () => resolve("closed"));
    const piece = Buffer.alloc(64 * 1024, "a");
    if (hold) return void req.write(piece);
    let sent = 0;
    const write = () => {
      while (sent < bytes) {
        const part = piece.subarray(0, Math.min(piece.length, bytes - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}
