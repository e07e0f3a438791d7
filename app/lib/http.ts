// Tiny helpers for throwing the responses that the GeneralErrorBoundary renders. Every response
// carries a catalog key, which the boundary shows in the user's language.

const DEFAULT_KEY: Record<number, string> = {
  400: "errorPage.badRequestText",
  403: "errorPage.forbiddenText",
  404: "errorPage.notFoundText",
};

/** Throws a response with `status` and a catalog key when the condition fails. */
export function invariantResponse(condition: unknown, status = 400, key?: string): asserts condition {
  if (!condition) throw errorResponse(status, key);
}

/** A thrown page's response: its status and the catalog key that says why. */
export function errorResponse(status: number, key?: string) {
  return new Response(key ?? DEFAULT_KEY[status] ?? "errorPage.errorText", { status });
}

export function forbidden(key = "errorPage.forbiddenText"): never {
  throw errorResponse(403, key);
}

export function notFound(): never {
  throw errorResponse(404);
}

/** Parses a route param as a positive integer id, or answers 404. */
export function requireId(param: string | undefined): number {
  const id = Number(param);
  if (!param || !Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

const SAME_ORIGIN = "http://app.invalid";

/**
 * Where to send the browser after a login or a language switch: a path on this site, or the
 * fallback. Judged as the browser will read it: browsers drop tabs and newlines and read `\` as
 * `/`, so `/\tevil.example` or `/\\evil.example` would leave the site.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string" || !to.startsWith("/")) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, SAME_ORIGIN);
  } catch {
    return fallback;
  }
  return url.origin === SAME_ORIGIN ? url.pathname + url.search + url.hash : fallback;
}
