import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/lib/http";

// After a login or a language switch the browser goes back where it was: never to another site.

describe("safeRedirect", () => {
  it.each([
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/%09/evil.example".replace("%09", "\t"),
    "/\n/evil.example",
    "/\r/evil.example",
    " //evil.example",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "evil.example",
    "/\u0000/evil.example",
    "",
  ])("refuses %j", (to) => {
    expect(safeRedirect(to)).toBe("/");
  });

  it.each([
    ["/villages", "/villages"],
    ["/villages?q=东村&page=2", "/villages?q=%E4%B8%9C%E6%9D%91&page=2"],
    ["/summary?year=2024#t", "/summary?year=2024#t"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/a/../b", "/b"],
  ])("keeps the same-site path %j", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
    // and whatever it keeps resolves to this site
    expect(new URL(safeRedirect(to), "http://township.local").host).toBe("township.local");
  });

  it("answers the fallback for what a form may send that is not text", () => {
    expect(safeRedirect(null, "/x")).toBe("/x");
    expect(safeRedirect(new File([], "a"), "/x")).toBe("/x");
  });
});
