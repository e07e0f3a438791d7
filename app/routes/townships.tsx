import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ConfirmForm, RefusalNotice } from "~/components/delete-form";
import { Field } from "~/components/field";
import { formValues, type FormResult, revalidateWhenStale } from "~/components/record-form";
import { useT } from "~/i18n";
import { saveFromForm } from "~/utils/form-action.server";
import { invariantResponse } from "~/lib/http";
import { canWriteAll } from "~/lib/permissions";
import { deleteTownship, listTownshipsWithCounts, saveTownship } from "~/models/township.server";
import { requireUser } from "~/session.server";
import { requireWriter } from "~/permissions.server";
import { idOf } from "~/validation/form";
import { TownshipSchema } from "~/validation/township";
import { withDone } from "~/lib/done";
import { pageTitle } from "~/lib/page-title";

export const shouldRevalidate = revalidateWhenStale;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ townships: await listTownshipsWithCounts(), canEdit: canWriteAll(user.role) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireWriter(request);
  const form = await request.formData();
  const id = idOf(form.get("townshipId"));
  if (form.get("intent") === "delete") {
    invariantResponse(id, 400);
    const result = await deleteTownship(id, user);
    return result.ok
      ? redirect(withDone("/townships", "deleted"))
      : json({ deleteRefused: id, ...result }, { status: 409 });
  }
  return saveFromForm({
    form,
    schema: TownshipSchema,
    versioned: Boolean(id),
    save: (data, seen) => saveTownship(data, user, id ? { id, version: seen } : undefined),
    redirectTo: () => withDone("/townships", id ? "saved" : "created"),
  });
}

function TownshipForm({
  township,
  result,
}: {
  township?: { id: number; name: string; code: string | null; version: number };
  result?: FormResult;
}) {
  const t = useT();
  const navigation = useNavigation();
  const v = formValues(result, township);
  const e = result?.errors ?? {};
  return (
    <Form method="post" className="form-grid card" noValidate key={township?.id ?? "new"}>
      {township ? (
        <>
          <input type="hidden" name="townshipId" value={township.id} />
          <input type="hidden" name="version" value={township.version} />
        </>
      ) : null}
      <Field label={t("township.name")} name="name" defaultValue={v.text("name")} error={e.name} />
      <Field
        label={t("township.code")}
        name="code"
        defaultValue={v.text("code")}
        error={e.code}
        inputMode="numeric"
        maxLength={9}
        hint={t("township.codeHint")}
      />
      <div className="form-actions">
        {result?.stale ? (
          <p className="notice danger" role="alert">
            {t("common.stale")}
          </p>
        ) : null}
        <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
          {township ? t("common.save") : t("townships.new")}
        </button>{" "}
        {township ? (
          <Link to="/townships" className="button">
            {t("common.cancel")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

export const meta = pageTitle("townships.title");

export default function TownshipsPage() {
  const t = useT();
  const { townships, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const editing = townships.find((tw) => tw.id === Number(params.get("edit")));
  const formResult = result && "values" in result ? (result as FormResult) : undefined;
  const refusal = result && "references" in result ? result : undefined;
  return (
    <main className="page">
      <div className="page-head">
        <h1>{t("townships.title")}</h1>
        <Link to="/villages">{t("villages.title")} ›</Link>
      </div>
      {canEdit ? <TownshipForm key={editing?.id ?? "new"} township={editing} result={formResult} /> : null}
      {townships.length === 0 ? (
        <p className="empty-state">{t("townships.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("township.name")}</th>
                <th>{t("township.code")}</th>
                <th className="num">{t("dashboard.villages")}</th>
                {canEdit ? <th>{t("common.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {townships.map((tw) => (
                <tr key={tw.id}>
                  <td>
                    <Link to={`/villages?township=${tw.id}`}>{tw.name}</Link>
                  </td>
                  <td className="mono">{tw.code ?? "—"}</td>
                  <td className="num">{tw.villageCount}</td>
                  {canEdit ? (
                    <td className="row-actions">
                      <Link to={`?edit=${tw.id}`}>{t("common.edit")}</Link>
                      {tw.villageCount === 0 ? (
                        <ConfirmForm
                          method="post"
                          className="inline-form"
                          message={t("common.deleteConfirm", { name: tw.name })}
                        >
                          <input type="hidden" name="intent" value="delete" />
                          <input type="hidden" name="townshipId" value={tw.id} />
                          <button type="submit" className="link-button danger-link">
                            {t("common.delete")}
                          </button>
                        </ConfirmForm>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {refusal ? <RefusalNotice refusal={refusal} /> : null}
    </main>
  );
}
