import { Form } from "@remix-run/react";
import { useT } from "~/i18n";

export type DeleteRefusal = { references: { kind: string; count: number; names: string[] }[] };

/** The refusal that names what still points at a record. */
export function RefusalNotice({ refusal }: { refusal: DeleteRefusal }) {
  const t = useT();
  return (
    <section className="notice danger refusal" role="alert">
      <p>{t("common.deleteRefused")}</p>
      <ul>
        {refusal.references.map((r) => (
          <li key={r.kind}>
            {t.data(`ref.${r.kind}`)}（{r.count}）：{r.names.join("、")}
            {r.count > r.names.length ? " …" : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A delete button that asks first, and the refusal when the record is still in use. */
export function DeleteForm({ name, refusal }: { name: string; refusal?: DeleteRefusal }) {
  const t = useT();
  return (
    <>
      {refusal ? <RefusalNotice refusal={refusal} /> : null}
      <Form
        method="post"
        className="inline-form"
        onSubmit={(event) => {
          if (!window.confirm(t("common.deleteConfirm", { name }))) event.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value="delete" />
        <button type="submit" className="button danger">
          {t("common.delete")}
        </button>
      </Form>
    </>
  );
}
