import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import { useT } from "~/i18n";

/** Label, input and its error, tied together for screen readers (aria-invalid, aria-describedby). */
export function Field({
  label,
  error,
  hint,
  children,
  ...inputProps
}: {
  label: string;
  error?: string[] | string;
  hint?: string;
  children?: ReactNode;
} & InputHTMLAttributes<HTMLInputElement>) {
  const t = useT();
  const id = useId();
  const errors = typeof error === "string" ? [error] : error ?? [];
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [errors.length ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={errors.length ? "field has-error" : "field"}>
      <label htmlFor={id}>{label}</label>
      {children ?? (
        <input id={id} aria-invalid={errors.length ? true : undefined} aria-describedby={describedBy} {...inputProps} />
      )}
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors.map((e) => t(e))} />
    </div>
  );
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="error-list" role="alert">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}
