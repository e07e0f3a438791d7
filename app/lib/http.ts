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
