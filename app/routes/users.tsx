import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { EditUser, NewUserForm, UserTable, type UserFormResult } from "~/components/user-forms";
import { useT } from "~/i18n";
import { errorResponse, notFound } from "~/lib/http";
import {
  listUsers,
  resetPassword,
  saveNewUser,
  saveUserAccess,
  setUserActive,
  signOutEverywhere,
} from "~/models/user.server";
import { requireAdmin } from "~/permissions.server";
import { resolvePicks, type Picked } from "~/utils/pickers.server";
import { idOf, parseForm, type FieldErrors, type FormValues } from "~/validation/form";
import { NewUserSchema, ResetPasswordSchema, UserAccessSchema } from "~/validation/user";
import { pageTitle } from "~/lib/page-title";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ users: await listUsers() });
}

const VILLAGES_PICK = { name: "villageIds", kind: "village" as const, multiple: true };

type UsersActionData = UserFormResult & { userId?: number };

const fail = (intent: string, errors: FieldErrors, userId?: number, values: FormValues = {}, picked?: Picked) =>
  json<UsersActionData>({ intent, userId, ok: false, errors, values, picked }, { status: 400 });
const done = (intent: string, message: string, params?: Record<string, string>, userId?: number) =>
  json<UsersActionData>({ intent, userId, ok: true, message, params });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const userId = idOf(form.get("userId"));

  // a clerk's villages come from a picker: names typed without JavaScript become ids here
  const villages =
    intent === "create" || intent === "access" ? await resolvePicks(form, [VILLAGES_PICK]) : { errors: {}, picked: {} };
  const pickFailed = Object.keys(villages.errors).length > 0;
  if (intent === "create") {
    const parsed = parseForm(NewUserSchema, form, ["villageIds"]);
    // a password is never sent back to the browser
    const values = { ...parsed.values, password: "" };
    if (!parsed.ok || pickFailed)
      return fail(
        intent,
        { ...(parsed.ok ? {} : parsed.errors), ...villages.errors },
        undefined,
        values,
        villages.picked
      );
    const saved = await saveNewUser(parsed.data, admin);
    if (!saved.ok) return fail(intent, "errors" in saved ? saved.errors : {}, undefined, values, villages.picked);
    return done(intent, "users.created", { username: saved.record.username });
  }
  if (intent === "access") {
    const parsed = parseForm(UserAccessSchema, form, ["villageIds"]);
    if (!parsed.ok || pickFailed)
      return fail(
        intent,
        { ...(parsed.ok ? {} : parsed.errors), ...villages.errors },
        userId,
        parsed.values,
        villages.picked
      );
    const saved = await saveUserAccess(parsed.data, admin);
    if (!saved) notFound();
    if (!saved.ok) return fail(intent, "errors" in saved ? saved.errors : {}, userId, parsed.values, villages.picked);
    return done(intent, "users.updated", undefined, userId);
  }
  if (intent === "password") {
    const parsed = parseForm(ResetPasswordSchema, form);
    if (!parsed.ok) return fail(intent, parsed.errors, userId);
    const user = await resetPassword(parsed.data.userId, parsed.data.password, admin);
    if (!user) notFound();
    return done(intent, "users.passwordReset", { username: user.username }, userId);
  }
  if (intent === "signout" && userId) {
    if (!(await signOutEverywhere(userId, admin))) notFound();
    return done(intent, "users.signedOut", undefined, userId);
  }
  if ((intent === "activate" || intent === "deactivate") && userId) {
    if (intent === "deactivate" && userId === admin.id)
      return fail(intent, { active: ["users.selfDeactivate"] }, userId);
    if (!(await setUserActive(userId, intent === "activate", admin))) notFound();
    return done(intent, "users.updated", undefined, userId);
  }
  throw errorResponse(400, "error.invalid");
}

export const meta = pageTitle("users.title");

export default function UsersPage() {
  const t = useT();
  const { users } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const editing = users.find((u) => u.id === Number(params.get("edit")));
  return (
    <main className="page">
      <h1>{t("users.title")}</h1>
      {editing ? (
        <EditUser key={editing.id} user={editing} result={result?.userId === editing.id ? result : undefined} />
      ) : (
        <NewUserForm result={result?.intent === "create" ? result : undefined} />
      )}
      <UserTable users={users} editing={editing?.id} />
    </main>
  );
}
