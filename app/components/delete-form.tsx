import { Form, type FormProps } from "@remix-run/react";
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

/**
 * A form that asks before it sends (作废, 删除): `message` in the browser's confirm box, when
 * `asks` says so for what was filled in (by default always). Without JavaScript it just sends.
 */
export function ConfirmForm({
  message,
  asks,
  ...props
}: FormProps & { message: string; asks?: (form: HTMLFormElement) => boolean }) {
  return (
    <Form
      {...props}
      onSubmit={(event) => {
        if ((asks?.(event.currentTarget) ?? true) && !window.confirm(message)) event.preventDefault();
      }}
    />
  );
}

/** A delete button that asks first, and the refusal when the record is still in use. */
export function DeleteForm({ name, refusal }: { name: string; refusal?: DeleteRefusal }) {
  const t = useT();
  return (
    <>
      {refusal ? <RefusalNotice refusal={refusal} /> : null}
      <ConfirmForm method="post" className="inline-form" message={t("common.deleteConfirm", { name })}>
        <input type="hidden" name="intent" value="delete" />
        <button type="submit" className="button danger">
          {t("common.delete")}
        </button>
      </ConfirmForm>
    </>
  );
}
