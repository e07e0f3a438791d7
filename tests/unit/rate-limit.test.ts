import { describe, expect, it } from "vitest";
import { clearLoginFailures, loginRetryAfter, recordLoginFailure } from "~/lib/rate-limit.server";

describe("the login limits", () => {
  it("slows one user name after 5 failures in a minute, and lets it in again after the minute", () => {
    const now = 1_000_000;
    for (let i = 0; i < 5; i++) recordLoginFailure("Zhang", undefined, now + i);
    expect(loginRetryAfter("zhang", undefined, now + 10)).toBeGreaterThan(0);
    expect(loginRetryAfter("li", undefined, now + 10)).toBe(0);
    expect(loginRetryAfter("zhang", undefined, now + 61_000)).toBe(0);
    clearLoginFailures("zhang");
  });

  it("slows one address that tries many user names, and no other address", () => {
    const now = 2_000_000;
    for (let i = 0; i < 20; i++) recordLoginFailure(`name${i}`, "10.9.8.7", now + i);
    // a name never tried before, from that address: wait
    expect(loginRetryAfter("fresh-name", "10.9.8.7", now + 100)).toBeGreaterThan(0);
    // the same name from another address: go ahead
    expect(loginRetryAfter("fresh-name", "10.9.8.8", now + 100)).toBe(0);
    // a right password clears its name, not its address
    clearLoginFailures("name1");
    expect(loginRetryAfter("name1", "10.9.8.7", now + 100)).toBeGreaterThan(0);
    expect(loginRetryAfter("fresh-name", "10.9.8.7", now + 61_000)).toBe(0);
  });
});
