import type { LoaderFunctionArgs } from "@remix-run/node";
import { createUserSession } from "~/session.server";

const BASE = "http://localhost";

/** The session cookie a signed-in user's browser would send. */
export async function sessionCookie(userId: number): Promise<string> {
  const response = await createUserSession(new Request(`${BASE}/login`), userId, "/");
  return response.headers.get("Set-Cookie")!.split(";")[0];
}

/** A request as a browser on this site sends it: same Origin, the user's cookie, form fields. */
export async function makeRequest(
  path: string,
  {
    userId,
    form,
    method,
    origin = BASE,
  }: { userId?: number; form?: Record<string, string | string[]>; method?: string; origin?: string | null } = {}
) {
  const headers = new Headers({ Host: "localhost" });
  if (userId) headers.set("Cookie", await sessionCookie(userId));
  let body: FormData | undefined;
  if (form) {
    body = new FormData();
    for (const [key, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
  }
  const verb = method ?? (form ? "POST" : "GET");
  if (verb !== "GET" && origin) headers.set("Origin", origin);
  return new Request(`${BASE}${path}`, { method: verb, headers, body });
}

/** Runs a loader or action and returns the Response it returned or threw. */
export async function run(
  fn: (args: LoaderFunctionArgs) => unknown,
  request: Request,
  params: Record<string, string> = {}
) {
  try {
    return (await fn({ request, params, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
