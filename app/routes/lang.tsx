import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { LANG_COOKIE } from "~/i18n";
import { safeRedirect } from "~/lib/http";
import { assertSameOrigin } from "~/session.server";

export async function loader() {
  return redirect("/");
}

/** The language switch: a plain form post, so it works before (or without) JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = await request.formData();
  const lang = form.get("lang") === "en" ? "en" : "zh-CN";
  const cookie = `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`;
  return redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": cookie } });
}
