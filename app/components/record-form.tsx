import { Form, Link, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n";
import { textFieldOf, type Named } from "~/lib/pick";
import { useUnsavedWarning } from "./unsaved-warning";
import type { FieldErrors, FormValues } from "~/validation/form";

/** What a record form's action answers when it does not redirect (with the records its pickers chose). */
export type FormResult =
  | { ok: false; errors: FieldErrors; values: FormValues; stale?: undefined; picked?: Record<string, Named[]> }
  | { ok: false; stale: true; values: FormValues; errors?: undefined; picked?: Record<string, Named[]> };

export type Fact = [label: string, value: ReactNode];

export function FactList({ facts }: { facts: Fact[] }) {
  return (
    <dl className="facts">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === "" ? "—" : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Reads a field's value for the form: what the user typed last (after an error), else the record's. */
export function formValues(result: FormResult | undefined, record: Record<string, unknown> | null | undefined) {
  const typed = result?.values;
  return {
    text(name: string, fromRecord?: unknown): string {
      if (typed && name in typed) return String(typed[name] ?? "");
      const value = fromRecord !== undefined ? fromRecord : record?.[name];
      return value === null || value === undefined ? "" : String(value);
    },
    ids(name: string, fromRecord: number[] = []): number[] {
      if (typed) return Array.isArray(typed[name]) ? (typed[name] as string[]).map(Number) : [];
      return fromRecord;
    },
    /** What was typed into a picker's search field, when the form came back with it. */
    typedText(name: string): string | undefined {
      const key = textFieldOf(name);
      return typed && key in typed ? String(typed[key] ?? "") : undefined;
    },
    /** A picker's chosen records: those the server resolved from what was sent, else the record's. */
    picks(name: string, fromRecord: Named[] = []): Named[] {
      return result?.picked?.[name] ?? fromRecord;
    },
    checked(name: string): boolean {
      if (typed) return typed[name] === "on";
      return Boolean(record?.[name]);
    },
  };
}

/**
 * The frame of every record form: the error summary, the stale-save notice with the record's
 * current values, the hidden version, and the save and cancel buttons.
 */
export function RecordForm({
  result,
  version,
  cancelTo,
  current,
  children,
  submitLabel,
  encType,
}: {
  result?: FormResult;
  version?: number;
  cancelTo: string;
  current?: Fact[];
  children: ReactNode;
  submitLabel?: string;
  encType?: "multipart/form-data";
}) {
  const t = useT();
  const navigation = useNavigation();
  const errorCount = result?.errors ? Object.values(result.errors).filter((e) => e?.length).length : 0;
  const unsaved = useUnsavedWarning(Boolean(result));
  return (
    <>
      {result?.stale ? (
        <section className="notice danger" role="alert">
          <p>{t("common.stale")}</p>
          {current ? (
            <details open>
              <summary>{t("common.staleCurrent", { version: version ?? "" })}</summary>
              <FactList facts={current} />
            </details>
          ) : null}
          <p>
            <a href="">{t("common.reload")}</a>
          </p>
        </section>
      ) : null}
      {errorCount ? (
        <p className="notice danger" role="alert">
          {t("common.formErrors", { count: errorCount })}
        </p>
      ) : null}
      <Form method="post" className="card record-form" noValidate encType={encType} {...unsaved}>
        {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
        <div className="form-grid">{children}</div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
            {submitLabel ?? t("common.save")}
          </button>
          <Link to={cancelTo} className="button">
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}

/**
 * Remix skips reloading a page's data after an action that answered 4xx. After a stale save it
 * must reload, so that the form shows (and carries the version of) what the other person saved.
 */
export const revalidateWhenStale: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  (actionResult as { stale?: boolean } | undefined)?.stale ? true : defaultShouldRevalidate;
