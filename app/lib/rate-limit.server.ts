// Slows guessing: at most LIMIT failed logins per user name in a sliding window. Kept in the
// server's memory, which is enough for one township server process.

const LIMIT = 5;
const WINDOW_MS = 60_000;
const failures = new Map<string, number[]>();

function recent(key: string, now: number) {
  const kept = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (kept.length) failures.set(key, kept);
  else failures.delete(key);
  return kept;
}

/** Seconds to wait before this user name may try again, or 0. */
export function loginRetryAfter(username: string, now = Date.now()): number {
  const times = recent(username.toLowerCase(), now);
  if (times.length < LIMIT) return 0;
  return Math.max(1, Math.ceil((times[0] + WINDOW_MS - now) / 1000));
}

export function recordLoginFailure(username: string, now = Date.now()) {
  const key = username.toLowerCase();
  failures.set(key, [...recent(key, now), now]);
}

export function clearLoginFailures(username: string) {
  failures.delete(username.toLowerCase());
}
