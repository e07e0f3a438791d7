// What a change just did, carried to the page it lands on (?done=…), where the app shell says so
// and offers the next step (DoneNotice). A query parameter, not a session flash: it works without
// JavaScript and needs nothing kept on the server.

export const DONE = [
  "created",
  "saved",
  "voided",
  "deleted",
  "activityAdded",
  "activityDeleted",
  "submitted",
  "approved",
  "returned",
  "unlocked",
  "unlockRequested",
  "reported",
] as const;
export type Done = (typeof DONE)[number];

/** The path to land on after a change, saying what it did. */
export function withDone(path: string, done: Done): string {
  const [page, hash] = path.split("#");
  return `${page}${page.includes("?") ? "&" : "?"}done=${done}${hash === undefined ? "" : `#${hash}`}`;
}

/** What the page's address says was just done, if anything. */
export function doneIn(search: string): Done | null {
  const done = new URLSearchParams(search).get("done");
  return (DONE as readonly string[]).includes(done ?? "") ? (done as Done) : null;
}
