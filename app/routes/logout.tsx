import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { writeAudit } from "~/models/audit.server";
import { assertSameOrigin, destroySession, getUser } from "~/session.server";
import { getDb } from "../../db/client";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await getUser(request);
  if (user) await writeAudit(await getDb(), { actor: user, action: "logout", entity: "session", entityId: user.id });
  return redirect("/login", { headers: { "Set-Cookie": await destroySession(request) } });
}
