import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useT } from "~/i18n";
import type { ImportKind } from "~/models/formats.server";
import { importFile } from "~/models/import.server";
import { requireImporter } from "~/permissions.server";
import { receiveUpload } from "~/utils/upload.server";
import { pageTitle } from "~/lib/page-title";

export async function loader({ request }: LoaderFunctionArgs) {
  const { kinds } = await requireImporter(request);
  return json({ kinds });
}

export async function action({ request }: ActionFunctionArgs) {
  // a clerk imports income of their own villages only
  const { user, kinds, allowedVillageIds } = await requireImporter(request);
  const refuse = (fileError: string, kind?: string) =>
    json({ fileError, fileErrorParams: null, kind, committed: false, plan: null }, { status: 400 });
  const upload = await receiveUpload(request);
  if (!upload.ok) return refuse(upload.error);
  const { form, file, done } = upload;
  try {
    const kind = String(form.get("kind")) as ImportKind;
    if (!kinds.includes(kind)) return refuse("error.choose", kind);
    if (!file || file.size === 0) return refuse("error.import.noFile", kind);
    const { plan, committed } = await importFile(kind, new Uint8Array(await file.arrayBuffer()), {
      commit: form.get("intent") === "commit",
      actor: user,
      fileName: file.name,
      allowedVillageIds,
    });
    const { writes: _writes, ...summary } = plan;
    return json(
      {
        fileError: plan.fileError ?? null,
        fileErrorParams: plan.fileErrorParams ?? null,
        kind,
        committed,
        plan: summary,
        fileName: file.name,
      },
      { status: plan.fileError || plan.errors.length ? 400 : 200 }
    );
  } finally {
    await done();
  }
}

export const meta = pageTitle("import.title");

export default function ImportPage() {
  const t = useT();
  const { kinds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const plan = result?.plan;
  return (
    <main className="page">
      <h1>{t("import.title")}</h1>
      <p className="muted">{t("import.intro")}</p>
      <p className="templates">
        {t("import.templates")}：
        {kinds.map((kind) => (
          <span key={kind} className="template-links">
            {t(`import.kind.${kind}`)}（
            <a href={`/import/template?kind=${kind}&format=xlsx`} download>
              XLSX
            </a>{" "}
            /{" "}
            <a href={`/import/template?kind=${kind}&format=csv`} download>
              CSV
            </a>
            ）
          </span>
        ))}
      </p>
      <Form method="post" encType="multipart/form-data" className="card form-grid import-form">
        <div className="field">
          <label htmlFor="import-kind">{t("import.kind")}</label>
          <select id="import-kind" name="kind" defaultValue={result?.kind ?? "income"}>
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`import.kind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-file">{t("import.file")}</label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          />
          <p className="field-hint">{t("import.fileHint")}</p>
        </div>
        <div className="form-actions">
          <button type="submit" name="intent" value="preview" className="button" disabled={busy}>
            {t("import.preview")}
          </button>{" "}
          <button
            type="submit"
            name="intent"
            value="commit"
            className="button primary"
            disabled={busy || !plan || plan.errors.length > 0 || Boolean(result?.fileError) || result?.committed}
          >
            {t("import.commit")}
          </button>
          {busy ? (
            <span className="progress" role="status">
              <span className="spinner" aria-hidden="true" /> {t("import.working")}
            </span>
          ) : null}
        </div>
      </Form>

      {result?.fileError ? (
        <p className="notice danger" role="alert">
          {t.data(result.fileError, result.fileErrorParams ?? undefined)}
          {plan?.errors[0] ? `：${plan.errors[0].column}` : ""}
        </p>
      ) : null}

      {plan && !result?.fileError ? (
        <section className="card" aria-label={t("import.result")}>
          <h2>
            {result?.committed
              ? t("import.committed", { file: result.fileName ?? "" })
              : t("import.previewOf", { file: result?.fileName ?? "" })}
          </h2>
          <p className="import-counts" data-testid="import-counts">
            {t("import.counts", {
              rows: plan.rows,
              create: plan.create,
              update: plan.update,
              skip: plan.skip,
              errors: plan.errors.length,
            })}
          </p>
          {plan.newTownships.length ? (
            <p className="notice" data-testid="import-new-townships">
              {t("import.newTownships", {
                townships: plan.newTownships.map((n) => (n.code ? `${n.name}（${n.code}）` : n.name)).join("、"),
              })}
            </p>
          ) : null}
          {plan.unknownColumns.length ? (
            <p className="notice">{t("import.unknownColumns", { columns: plan.unknownColumns.join("、") })}</p>
          ) : null}
          {plan.errors.length ? (
            <>
              <p className="notice danger" role="alert">
                {t("import.hasErrors", { count: plan.errors.length })}
              </p>
              <div className="table-wrap">
                <table className="table import-errors">
                  <thead>
                    <tr>
                      <th className="num">{t("import.row")}</th>
                      <th>{t("import.column")}</th>
                      <th>{t("import.problem")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {plan.errors.slice(0, 500).map((e, i) => (
                      <tr key={i}>
                        <td className="num">{e.row}</td>
                        <td>{e.column}</td>
                        <td>{t.data(e.message, e.params)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : !result?.committed ? (
            <p className="notice success">{t("import.ready")}</p>
          ) : null}
        </section>
      ) : null}
    </main>
  );
}
