import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { NewUserForm, UserRow } from "~/components/user-forms";
import { useT } from "~/i18n";
import { createUser, findUserByUsername, listUsers, resetPassword, setUserActive, updateUserAccess, villagesExist } from "~/models/user.server";
import { listVillageOptions } from "~/models/village.server";
import { requireRole } from "~/session.server";
import { formToObject, NewUserSchema, ResetPasswordSchema, UserAccessSchema } from "~/validation/user";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const [users, villages] = await Promise.all([listUsers(), listVillageOptions()]);
  return json({ users, villages });
}

type FieldErrors = Record<string, string[] | undefined>;
export type UsersActionData =
  | { intent: string; userId?: number; ok: true; message: string; params?: Record<string, string> }
  | { intent: string; userId?: number; ok: false; errors: FieldErrors; values?: Record<string, unknown> };

const fail = (intent: string, errors: FieldErrors, userId?: number, values?: Record<string, unknown>) =>
  json<UsersActionData>({ intent, userId, ok: false, errors, values }, { status: 400 });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const input = formToObject(form, ["villageIds"]);

  if (intent === "create") {
    const parsed = NewUserSchema.safeParse(input);
    const values = { ...input, password: "" };
    if (!parsed.success) return fail(intent, z.flattenError(parsed.error).fieldErrors, undefined, values);
    if (await findUserByUsername(parsed.data.username)) return fail(intent, { username: ["error.usernameTaken"] }, undefined, values);
    if (!(await villagesExist(parsed.data.villageIds))) return fail(intent, { villageIds: ["error.invalid"] }, undefined, values);
    await createUser(parsed.data, admin);
    return json<UsersActionData>({ intent, ok: true, message: "users.created", params: { username: parsed.data.username } });
  }
  if (intent === "access") {
    const parsed = UserAccessSchema.safeParse(input);
    const userId = Number(input.userId) || undefined;
    if (!parsed.success) return fail(intent, z.flattenError(parsed.error).fieldErrors, userId);
    if (!(await villagesExist(parsed.data.villageIds))) return fail(intent, { villageIds: ["error.invalid"] }, userId);
    if (!(await updateUserAccess(parsed.data.userId, parsed.data, admin))) throw new Response("Not Found", { status: 404 });
    return json<UsersActionData>({ intent, userId, ok: true, message: "users.updated" });
  }
  if (intent === "password") {
    const parsed = ResetPasswordSchema.safeParse(input);
    const userId = Number(input.userId) || undefined;
    if (!parsed.success) return fail(intent, z.flattenError(parsed.error).fieldErrors, userId);
    const user = await resetPassword(parsed.data.userId, parsed.data.password, admin);
    if (!user) throw new Response("Not Found", { status: 404 });
    return json<UsersActionData>({ intent, userId, ok: true, message: "users.passwordReset", params: { username: user.username } });
  }
  if (intent === "activate" || intent === "deactivate") {
    const userId = Number(input.userId);
    if (intent === "deactivate" && userId === admin.id) return fail(intent, { active: ["users.selfDeactivate"] }, userId);
    if (!(await setUserActive(userId, intent === "activate", admin))) throw new Response("Not Found", { status: 404 });
    return json<UsersActionData>({ intent, userId, ok: true, message: "users.updated" });
  }
  throw new Response("error.invalid", { status: 400 });
}

export default function UsersPage() {
  const t = useT();
  const { users, villages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <h1>{t("users.title")}</h1>
      <NewUserForm villages={villages} result={result?.intent === "create" ? result : undefined} />
      <div className="table-wrap">
        <table className="table users-table">
          <thead>
            <tr>
              <th>{t("users.username")}</th>
              <th>{t("users.displayName")} · {t("users.role")} · {t("users.villages")}</th>
              <th>{t("users.resetPassword")}</th>
              <th>{t("users.active")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <UserRow key={u.id} user={u} villages={villages} result={result?.userId === u.id ? result : undefined} />
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
