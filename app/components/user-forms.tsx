import { Form, useNavigation } from "@remix-run/react";
import { ROLES } from "../../db/schema";
import { useT } from "~/i18n";
import { ErrorList, Field } from "./field";

type VillageOption = { id: number; name: string; townshipName: string };
type Result =
  | { ok: true; message: string; params?: Record<string, string> }
  | { ok: false; errors: Record<string, string[] | undefined>; values?: Record<string, unknown> };

function RoleAndVillages({
  villages,
  role,
  selected,
  errors,
}: {
  villages: VillageOption[];
  role?: string;
  selected: number[];
  errors?: Record<string, string[] | undefined>;
}) {
  const t = useT();
  return (
    <>
      <div className={errors?.role ? "field has-error" : "field"}>
        <label>
          {t("users.role")}
          <select name="role" defaultValue={role ?? "viewer"}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <ErrorList errors={errors?.role?.map((e) => t(e))} />
      </div>
      <div className={errors?.villageIds ? "field has-error" : "field"}>
        <label>
          {t("users.villages")}
          <select name="villageIds" multiple size={4} defaultValue={selected.map(String)} aria-invalid={errors?.villageIds ? true : undefined}>
            {villages.map((v) => (
              <option key={v.id} value={v.id}>
                {v.townshipName} · {v.name}
              </option>
            ))}
          </select>
        </label>
        <p className="field-hint">{t("users.villagesHint")}</p>
        <ErrorList errors={errors?.villageIds?.map((e) => t(e))} />
      </div>
    </>
  );
}

function Outcome({ result }: { result?: Result }) {
  const t = useT();
  if (!result?.ok) return null;
  return (
    <p className="notice success" role="status">
      {t(result.message, result.params)}
    </p>
  );
}

export function NewUserForm({ villages, result }: { villages: VillageOption[]; result?: Result }) {
  const t = useT();
  const navigation = useNavigation();
  const errors = result && !result.ok ? result.errors : undefined;
  const values = (result && !result.ok ? result.values : undefined) ?? {};
  // A fresh form after a successful create: the key changes, so the inputs are emptied.
  const formKey = result?.ok ? `${result.params?.username}` : "new";
  return (
    <section className="card">
      <h2>{t("users.create")}</h2>
      <Outcome result={result} />
      <Form method="post" className="form-grid" key={formKey} noValidate>
        <input type="hidden" name="intent" value="create" />
        <Field label={t("users.username")} name="username" autoComplete="off" defaultValue={String(values.username ?? "")} error={errors?.username} required />
        <Field label={t("users.displayName")} name="displayName" defaultValue={String(values.displayName ?? "")} error={errors?.displayName} required />
        <Field label={t("users.password")} name="password" type="password" autoComplete="new-password" hint={t("users.passwordHint")} error={errors?.password} required />
        <RoleAndVillages
          villages={villages}
          role={values.role as string | undefined}
          selected={Array.isArray(values.villageIds) ? values.villageIds.map(Number) : []}
          errors={errors}
        />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
            {t("users.create")}
          </button>
        </div>
      </Form>
    </section>
  );
}

type UserView = {
  id: number;
  username: string;
  displayName: string;
  role: string;
  active: boolean;
  lastLoginAt: string | null;
  villages: { id: number; name: string }[];
};

export function UserRow({ user, villages, result }: { user: UserView; villages: VillageOption[]; result?: Result & { intent?: string } }) {
  const t = useT();
  const errors = result && !result.ok ? result.errors : undefined;
  return (
    <tr className={user.active ? undefined : "inactive"}>
      <td>
        <strong>{user.username}</strong>
        <div className="muted small">
          {t("users.lastLogin")}: {user.lastLoginAt ? user.lastLoginAt.slice(0, 16).replace("T", " ") : "—"}
        </div>
      </td>
      <td>
        <Form method="post" className="row-form" aria-label={`${user.username} ${t("users.role")}`}>
          <input type="hidden" name="intent" value="access" />
          <input type="hidden" name="userId" value={user.id} />
          <Field label={t("users.displayName")} name="displayName" defaultValue={user.displayName} error={errors?.displayName} />
          <RoleAndVillages villages={villages} role={user.role} selected={user.villages.map((v) => v.id)} errors={result?.intent === "access" ? errors : undefined} />
          <button type="submit" className="button">
            {t("users.saveRole")}
          </button>
          {result?.intent === "access" ? <Outcome result={result} /> : null}
        </Form>
      </td>
      <td>
        <Form method="post" className="row-form" aria-label={`${user.username} ${t("users.resetPassword")}`}>
          <input type="hidden" name="intent" value="password" />
          <input type="hidden" name="userId" value={user.id} />
          <Field
            label={t("users.newPassword")}
            name="password"
            type="password"
            autoComplete="new-password"
            error={result?.intent === "password" ? errors?.password : undefined}
          />
          <button type="submit" className="button">
            {t("users.resetPassword")}
          </button>
          {result?.intent === "password" ? <Outcome result={result} /> : null}
        </Form>
      </td>
      <td>
        <span className={user.active ? "badge ok" : "badge"}>{user.active ? t("users.isActive") : t("users.isInactive")}</span>
        <Form method="post" className="row-form">
          <input type="hidden" name="intent" value={user.active ? "deactivate" : "activate"} />
          <input type="hidden" name="userId" value={user.id} />
          <button type="submit" className="button small">
            {user.active ? t("users.deactivate") : t("users.activate")}
          </button>
          <ErrorList errors={errors?.active?.map((e) => t(e))} />
        </Form>
      </td>
    </tr>
  );
}
