import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { EditUser, NewUserForm, UserTable, type UserFormResult } from "~/components/user-forms";
import { useT } from "~/i18n";
import {
  createUser,
  findUserByUsername,
  listUsers,
  resetPassword,
  setUserActive,
  updateUserAccess,
  villagesExist,
} from "~/models/user.server";
import { listVillageOptions } from "~/models/village.server";
import { requireAdmin } from "~/permissions.server";
import { formToObject, NewUserSchema, ResetPasswordSchema, UserAccessSchema } from "~/validation/user";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [users, villages] = await Promise.all([listUsers(), listVillageOptions()]);
  return json({ users, villages });
}

type FieldErrors = Record<string, string[] | undefined>;
type UsersActionData = UserFormResult & { userId?: number };

const fail = (intent: string, errors: FieldErrors, userId?: number, values?: Record<string, unknown>) =>
  json<UsersActionData>({ intent, userId, ok: false, errors, values }, { status: 400 });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const input = formToObject(form, ["villageIds"]);

  if (intent === "create") {
    const parsed = NewUserSchema.safeParse(input);
    const values = { ...input, password: "" };
    if (!parsed.success) return fail(intent, z.flattenError(parsed.error).fieldErrors, undefined, values);
    if (await findUserByUsername(parsed.data.username))
      return fail(intent, { username: ["error.usernameTaken"] }, undefined, values);
    if (!(await villagesExist(parsed.data.villageIds)))
      return fail(intent, { villageIds: ["error.invalid"] }, undefined, values);
    await createUser(parsed.data, admin);
    return json<UsersActionData>({
      intent,
      ok: true,
      message: "users.created",
      params: { username: parsed.data.username },
    });
  }
  if (intent === "access") {
    const parsed = UserAccessSchema.safeParse(input);
    const userId = Number(input.userId) || undefined;
    if (!parsed.success) return fail(intent, z.flattenError(parsed.error).fieldErrors, userId);
    if (!(await villagesExist(parsed.data.villageIds))) return fail(intent, { villageIds: ["error.invalid"] }, userId);
    if (!(await updateUserAccess(parsed.data.userId, parsed.data, admin)))
      throw new Response("Not Found", { status: 404 });
    return json<UsersActionData>({ intent, userId, ok: true, message: "users.updated" });
  }
  if (intent === "password") {
    const parsed = ResetPasswordSchema.safeParse(input);
    const userId = Number(input.userId) || undefined;
    if (!parsed.success) return fail(intent, z.flattenError(parsed.error).fieldErrors, userId);
    const user = await resetPassword(parsed.data.userId, parsed.data.password, admin);
    if (!user) throw new Response("Not Found", { status: 404 });
    return json<UsersActionData>({
      intent,
      userId,
      ok: true,
      message: "users.passwordReset",
      params: { username: user.username },
    });
  }
  if (intent === "activate" || intent === "deactivate") {
    const userId = Number(input.userId);
    if (intent === "deactivate" && userId === admin.id)
      return fail(intent, { active: ["users.selfDeactivate"] }, userId);
    if (!(await setUserActive(userId, intent === "activate", admin))) throw new Response("Not Found", { status: 404 });
    return json<UsersActionData>({ intent, userId, ok: true, message: "users.updated" });
  }
  throw new Response("error.invalid", { status: 400 });
}

export default function UsersPage() {
  const t = useT();
  const { users, villages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const editing = users.find((u) => u.id === Number(params.get("edit")));
  return (
    <main className="page">
      <h1>{t("users.title")}</h1>
      {editing ? (
        <EditUser
          key={editing.id}
          user={editing}
          villages={villages}
          result={result?.userId === editing.id ? result : undefined}
        />
      ) : (
        <NewUserForm villages={villages} result={result?.intent === "create" ? result : undefined} />
      )}
      <UserTable users={users} editing={editing?.id} />
    </main>
  );
}
