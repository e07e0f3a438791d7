// Tiny helpers for throwing the responses that the GeneralErrorBoundary renders.

export function invariantResponse(condition: unknown, status = 400, message?: string): asserts condition {
  if (!condition) throw new Response(message ?? String(status), { status });
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

/** Parses a route param as a positive integer id, or answers 404. */
export function requireId(param: string | undefined): number {
  const id = Number(param);
  if (!param || !Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}
