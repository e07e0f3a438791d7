import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "../helpers/app";

// What a request may cost: a body over its path's limit is refused before it is read.

let app: App;
let cookie: string;

beforeAll(async () => {
  app = await startApp({ browser: false });
  cookie = await app.cookie("admin");
});

afterAll(() => app?.stop());

/**
 * A POST whose body is `bytes` long, declared or sent in chunks; the status, or "closed". With
 * `hold` only the first 64 kB are sent: a refusal by the declared length comes before the rest.
 */
function post(path: string, bytes: number, { chunked = false, withCookie = false, hold = false } = {}) {
  return new Promise<number | "closed">((resolve) => {
    const url = new URL(path, app.url);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        // a fresh connection each: the server closes the ones it refuses
        agent: false,
        headers: {
          Origin: app.url,
          "Content-Type": "application/x-www-form-urlencoded",
          ...(chunked ? { "Transfer-Encoding": "chunked" } : { "Content-Length": String(bytes) }),
          ...(withCookie ? { Cookie: cookie } : {}),
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }
    );
    req.on("error", () => resolve("closed"));
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    if (hold) return void req.write(chunk);
    const write = () => {
      while (sent < bytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += piece.length;
        if (!req.write(piece)) return req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

describe("body limits", () => {
  it("refuses a 100 MB login form at once with 413, and the server goes on", async () => {
    expect(await post("/login", 100 * 1024 * 1024, { hold: true })).toBe(413);
    expect((await fetch(`${app.url}/login`)).status).toBe(200);
  });

  it("refuses an import upload over 26 MB and a village form over 6 MB, and takes smaller ones to the app", async () => {
    expect(await post("/import", 30 * 1024 * 1024, { withCookie: true, hold: true })).toBe(413);
    expect(await post("/villages/new", 7 * 1024 * 1024, { withCookie: true, hold: true })).toBe(413);
    // under the limit the app answers for itself (here: not a multipart form)
    expect(await post("/import", 2 * 1024 * 1024, { withCookie: true })).toBe(400);
  });

  it("refuses a body that does not say how long it is", async () => {
    expect(await post("/login", 100 * 1024, { chunked: true, hold: true })).toBe(411);
  });

  it("says so in the user's language", async () => {
    const response = await fetch(`${app.url}/users`, {
      method: "POST",
      body: "x".repeat(2 * 1024 * 1024),
      headers: { Origin: app.url, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("上限 1 MB");
  });
});
