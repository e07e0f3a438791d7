import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "../helpers/app";
import { rawPost } from "../helpers/raw-post";

// What a request may cost: a body over its path's limit is refused before it is read.

let app: App;
let cookie: string;

beforeAll(async () => {
  app = await startApp({ browser: false });
  cookie = await app.cookie("admin");
});

afterAll(() => app?.stop());

const post = (path: string, bytes: number, { chunked = false, withCookie = false, hold = false } = {}) =>
  rawPost(app.url, path, bytes, {
    chunked,
    hold,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(withCookie ? { Cookie: cookie } : {}) },
  });

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
