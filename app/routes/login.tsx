import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { ErrorList, Field } from "~/components/field";
import { getLang, translate, useT } from "~/i18n";
import { getDummyHash, verifyPassword } from "~/lib/password.server";
import { clearLoginFailures, loginRetryAfter, recordLoginFailure } from "~/lib/rate-limit.server";
import { writeAudit } from "~/models/audit.server";
import { findUserByUsername, recordLogin } from "~/models/user.server";
import { assertSameOrigin, createUserSession, getUser } from "~/session.server";
import { getDb } from "../../db/client";
import { LoginSchema } from "~/validation/user";

export const meta: MetaFunction = ({ matches }) => {
  const lang = (matches[0]?.data as { lang?: "zh-CN" | "en" } | undefined)?.lang ?? "zh-CN";
  return [{ title: `${translate(lang, "login.title")} · ${translate(lang, "app.title")}` }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) return redirect("/");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  // the address the server saw (app/server.ts); none when the action runs outside it
  const address = typeof context.clientAddress === "string" ? context.clientAddress : undefined;
  const form = Object.fromEntries(await request.formData());
  const parsed = LoginSchema.safeParse(form);
  if (!parsed.success) return json({ error: "login.required", username: String(form.username ?? "") }, { status: 400 });
  const { username, password, redirectTo } = parsed.data;

  const wait = loginRetryAfter(username, address);
  if (wait > 0) {
    return json(
      { error: translate(getLang(request), "login.throttled", { seconds: wait }), username },
      { status: 429 }
    );
  }
  const user = await findUserByUsername(username);
  // Check a hash even for an unknown name, so the answer takes as long and says the same.
  const ok = await verifyPassword(password, user?.passwordHash ?? (await getDummyHash()));
  const db = await getDb();
  if (!user || !ok || !user.active) {
    recordLoginFailure(username, address);
    await writeAudit(db, { actor: null, action: "login_failed", entity: "session", after: { username } });
    return json({ error: "login.failed", username }, { status: 401 });
  }
  clearLoginFailures(username);
  await recordLogin(user.id);
  await writeAudit(db, { actor: user, action: "login", entity: "session", entityId: user.id });
  return createUserSession(request, user.id, redirectTo ?? "/");
}

export default function LoginPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  return (
    <main className="page login-page">
      <div className="card login-card">
        <h1>{t("login.title")}</h1>
        <p className="muted">{t("app.subtitle")}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
          <Field
            label={t("login.username")}
            name="username"
            autoComplete="username"
            autoFocus
            required
            defaultValue={actionData?.username}
          />
          <Field label={t("login.password")} name="password" type="password" autoComplete="current-password" required />
          <ErrorList errors={actionData?.error ? [t.data(actionData.error)] : undefined} />
          <button type="submit" className="button primary wide" disabled={navigation.state === "submitting"}>
            {t("login.submit")}
          </button>
        </Form>
        <p className="muted small">{t("login.rateNote")}</p>
      </div>
    </main>
  );
}
