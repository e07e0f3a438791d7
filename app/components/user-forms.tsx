import { Form, Link, useNavigation } from "@remix-run/react";
import { ROLES } from "../../db/enums";
import { useT } from "~/i18n";
import { formatDateTime } from "~/lib/dates";
import type { FieldErrors } from "~/validation/form";
import type { FormResult } from "./record-form";
import type { Named } from "~/lib/pick";
import { ErrorList, Field, SelectField } from "./field";
import { MultiPicker } from "./picker";

/** What the users page's action answers: which of its forms, and the outcome or the kit's field errors. */
export type UserFormResult = { intent: string } & (
  | { ok: true; message: string; params?: Record<string, string> }
  | Extract<FormResult, { errors: FieldErrors }>
);
export type UserView = {
  id: number;
  username: string;
  displayName: string;
  role: string;
  active: boolean;
  lastLoginAt: string | null;
  /** sessions signed in now */
  sessions: number;
  villages: { id: number; name: string }[];
};

function RoleSelect({ role, errors }: { role?: string; errors?: FieldErrors }) {
  const t = useT();
  return (
    <SelectField
      label={t("users.role")}
      name="role"
      defaultValue={role ?? "viewer"}
      options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
      error={errors?.role}
    />
  );
}

/** A clerk's villages: a search that adds them, each a ticked box (DESIGN, pickers). */
function VillagePicker({ initial, result }: { initial: Named[]; result?: UserFormResult }) {
  const t = useT();
  const failed = result && !result.ok ? result : undefined;
  return (
    <MultiPicker
      kind="village"
      legend={t("users.villages")}
      name="villageIds"
      initial={failed?.picked?.villageIds ?? initial}
      initialText={failed?.values.villageIdsText === undefined ? undefined : String(failed.values.villageIdsText)}
      error={failed?.errors.villageIds}
      hint={t("users.villagesHint")}
    />
  );
}

function Outcome({ result }: { result?: UserFormResult }) {
  const t = useT();
  if (!result?.ok) return null;
  return (
    <p className="notice success" role="status">
      {t.data(result.message, result.params)}
    </p>
  );
}

export function NewUserForm({ result }: { result?: UserFormResult }) {
  const t = useT();
  const navigation = useNavigation();
  const errors = result && !result.ok ? result.errors : undefined;
  const values = (result && !result.ok ? result.values : undefined) ?? {};
  // after a successful create the key changes, so the inputs start empty again
  const formKey = result?.ok ? `${result.params?.username}` : "new";
  return (
    <section className="card" aria-labelledby="new-user">
      <h2 id="new-user">{t("users.create")}</h2>
      <Outcome result={result} />
      <Form method="post" className="form-grid" key={formKey} noValidate>
        <input type="hidden" name="intent" value="create" />
        <div>
          <Field
            label={t("users.username")}
            name="username"
            autoComplete="off"
            defaultValue={String(values.username ?? "")}
            error={errors?.username}
            required
          />
          <Field
            label={t("users.displayName")}
            name="displayName"
            defaultValue={String(values.displayName ?? "")}
            error={errors?.displayName}
            required
          />
        </div>
        <div>
          <Field
            label={t("users.password")}
            name="password"
            type="password"
            autoComplete="new-password"
            hint={t("users.passwordHint")}
            error={errors?.password}
            required
          />
          <RoleSelect role={values.role as string | undefined} errors={errors} />
        </div>
        <VillagePicker initial={[]} result={result} />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
            {t("users.create")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export function UserTable({ users, editing }: { users: UserView[]; editing?: number }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>{t("users.username")}</th>
            <th>{t("users.displayName")}</th>
            <th>{t("users.role")}</th>
            <th>{t("users.villages")}</th>
            <th>{t("users.active")}</th>
            <th>{t("users.lastLogin")}</th>
            <th className="num">{t("users.sessions")}</th>
            <th>{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr
              key={u.id}
              className={[u.active ? "" : "inactive", u.id === editing ? "selected" : ""].join(" ").trim() || undefined}
            >
              <td>
                <strong>{u.username}</strong>
              </td>
              <td>{u.displayName}</td>
              <td>{t.data(`role.${u.role}`)}</td>
              <td>{u.villages.map((v) => v.name).join("、") || "—"}</td>
              <td>
                <span className={u.active ? "badge ok" : "badge"}>
                  {u.active ? t("users.isActive") : t("users.isInactive")}
                </span>
              </td>
              <td className="mono">{formatDateTime(u.lastLoginAt)}</td>
              <td className="num">{u.sessions}</td>
              <td>
                <Link to={`?edit=${u.id}#edit-user`} aria-label={`${t("common.edit")} ${u.username}`}>
                  {t("common.edit")}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EditUser({ user, result }: { user: UserView; result?: UserFormResult }) {
  const t = useT();
  const errors = result && !result.ok ? result.errors : undefined;
  const errorsFor = (intent: string) => (result?.intent === intent ? errors : undefined);
  return (
    <section className="card" id="edit-user" aria-labelledby="edit-user-title">
      <div className="page-head">
        <h2 id="edit-user-title">
          {t("common.edit")}：{user.username}
        </h2>
        <Link to="/users">{t("common.cancel")}</Link>
      </div>
      <Outcome result={result} />
      <div className="form-grid">
        <Form method="post" aria-label={t("users.saveRole")}>
          <input type="hidden" name="intent" value="access" />
          <input type="hidden" name="userId" value={user.id} />
          <Field
            label={t("users.displayName")}
            name="displayName"
            defaultValue={user.displayName}
            error={errorsFor("access")?.displayName}
          />
          <RoleSelect role={user.role} errors={errorsFor("access")} />
          <VillagePicker initial={user.villages} result={result?.intent === "access" ? result : undefined} />
          <button type="submit" className="button primary">
            {t("users.saveRole")}
          </button>
        </Form>
        <Form method="post" aria-label={t("users.resetPassword")}>
          <input type="hidden" name="intent" value="password" />
          <input type="hidden" name="userId" value={user.id} />
          <Field
            label={t("users.newPassword")}
            name="password"
            type="password"
            autoComplete="new-password"
            hint={t("users.passwordHint")}
            error={errorsFor("password")?.password}
          />
          <button type="submit" className="button">
            {t("users.resetPassword")}
          </button>
        </Form>
        <Form method="post" aria-label={t("users.active")}>
          <input type="hidden" name="intent" value={user.active ? "deactivate" : "activate"} />
          <input type="hidden" name="userId" value={user.id} />
          <p>
            {t("users.active")}：
            <span className={user.active ? "badge ok" : "badge"}>
              {user.active ? t("users.isActive") : t("users.isInactive")}
            </span>
          </p>
          <button type="submit" className="button">
            {user.active ? t("users.deactivate") : t("users.activate")}
          </button>
          <ErrorList errors={errorsFor(user.active ? "deactivate" : "activate")?.active?.map((e) => t.data(e))} />
        </Form>
        <Form method="post" aria-label={t("users.signOutEverywhere")}>
          <input type="hidden" name="intent" value="signout" />
          <input type="hidden" name="userId" value={user.id} />
          <p>
            {t("users.sessions")}：{user.sessions}
          </p>
          <p className="field-hint">{t("users.signOutHint")}</p>
          <button type="submit" className="button" disabled={user.sessions === 0}>
            {t("users.signOutEverywhere")}
          </button>
        </Form>
      </div>
    </section>
  );
}
