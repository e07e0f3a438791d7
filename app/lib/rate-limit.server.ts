// Slows guessing: at most 5 failed logins a minute per user name, and 20 a minute from one
// network address whatever the names (one office behind one address still has room for its
// typos). Kept in the server's memory, which is enough for one township server process.

const WINDOW_MS = 60_000;
const LIMITS = { user: 5, address: 20 } as const;
type Kind = keyof typeof LIMITS;
const failures = new Map<string, number[]>();
const keyOf = (kind: Kind, value: string) => `${kind}:${value.toLowerCase()}`;

function recent(key: string, now: number) {
  const kept = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (kept.length) failures.set(key, kept);
  else failures.delete(key);
  return kept;
}

/** Seconds to wait before this user name, or anyone from this address, may try again; 0 when they may. */
export function loginRetryAfter(username: string, address?: string, now = Date.now()): number {
  const waits = (
    [
      ["user", username],
      ["address", address],
    ] as const
  ).map(([kind, value]) => {
    if (!value) return 0;
    const times = recent(keyOf(kind, value), now);
    return times.length < LIMITS[kind] ? 0 : Math.max(1, Math.ceil((times[0] + WINDOW_MS - now) / 1000));
  });
  return Math.max(...waits);
}

export function recordLoginFailure(username: string, address?: string, now = Date.now()) {
  for (const key of [keyOf("user", username), ...(address ? [keyOf("address", address)] : [])])
    failures.set(key, [...recent(key, now), now]);
}

/** A right password clears its user name's count; the address's count runs out by itself. */
export function clearLoginFailures(username: string) {
  failures.delete(keyOf("user", username));
}
