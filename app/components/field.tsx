import {
  useEffect,
  useId,
  useRef,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { useT } from "~/i18n";

type Errors = string[] | string | undefined;

/** Ids and aria attributes that tie a control to its label, hint and errors. */
export function useFieldIds(error: Errors, hint?: string) {
  const id = useId();
  const errors = typeof error === "string" ? [error] : error ?? [];
  const describedBy = [errors.length ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  return {
    id,
    errors,
    control: { id, "aria-invalid": errors.length ? true : undefined, "aria-describedby": describedBy || undefined },
  };
}

export function FieldFrame({
  id,
  label,
  labelId,
  hint,
  errors,
  children,
  className,
}: {
  id: string;
  label: string;
  /** the label's own id, for a control that names its parts by it (a picker's list) */
  labelId?: string;
  hint?: string;
  errors: string[];
  children: ReactNode;
  className?: string;
}) {
  const t = useT();
  return (
    <div className={["field", errors.length ? "has-error" : "", className ?? ""].join(" ").trim()}>
      <label htmlFor={id} id={labelId}>
        {label}
      </label>
      {children}
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <ErrorList id={`${id}-error`} errors={errors.map((e) => t.data(e))} />
    </div>
  );
}

type FieldProps = { label: string; error?: Errors; hint?: string } & InputHTMLAttributes<HTMLInputElement>;

/** Label, input and its error, tied together for screen readers (aria-invalid, aria-describedby). */
export function Field({ label, error, hint, className, ...inputProps }: FieldProps) {
  const { id, errors, control } = useFieldIds(error, hint);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors} className={className}>
      <input {...control} {...inputProps} />
    </FieldFrame>
  );
}

/**
 * A date typed as the user writes it (2024-03-05, 2024/3/5, 2024年3月5日: the server reads each),
 * with a button that opens the browser's calendar and writes the chosen day into the field. The
 * button comes with JavaScript; without it the field is typed.
 */
export function DateField({ label, error, hint, className, ...inputProps }: FieldProps) {
  const t = useT();
  const { id, errors, control } = useFieldIds(error, hint);
  const text = useRef<HTMLInputElement>(null);
  const calendar = useRef<HTMLInputElement>(null);
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  const choose = (day: string) => {
    const input = text.current;
    if (!input || !day) return;
    // through the value's own setter, so that React (and the form's unsaved warning) sees the input
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set?.call(input, day);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors} className={className}>
      <span className="date-field">
        <input {...control} {...inputProps} ref={text} />
        {scripted ? (
          <>
            <button
              type="button"
              className="date-button"
              // named by its text, not aria-label: a field is found by its label, this is not it
              title={t("common.chooseDate", { label })}
              onClick={() => {
                const picker = calendar.current;
                if (!picker) return;
                picker.value = /^\d{4}-\d{2}-\d{2}$/.test(text.current?.value ?? "") ? text.current!.value : "";
                picker.showPicker?.();
              }}
            >
              <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                <rect x="1.5" y="2.5" width="13" height="12" rx="1.5" fill="none" stroke="currentColor" />
                <path d="M1.5 6h13M5 1v3M11 1v3" stroke="currentColor" />
              </svg>
              <span className="sr-only">{t("common.chooseDate", { label })}</span>
            </button>
            <input
              ref={calendar}
              type="date"
              className="date-native"
              tabIndex={-1}
              aria-hidden="true"
              onChange={(event) => choose(event.target.value)}
            />
          </>
        ) : null}
      </span>
    </FieldFrame>
  );
}

export function SelectField({
  label,
  error,
  hint,
  options,
  placeholder,
  className,
  ...selectProps
}: {
  label: string;
  error?: Errors;
  hint?: string;
  options: { value: string | number; label: string }[];
  placeholder?: string;
} & SelectHTMLAttributes<HTMLSelectElement>) {
  const { id, errors, control } = useFieldIds(error, hint);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors} className={className}>
      <select {...control} {...selectProps}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function TextareaField({
  label,
  error,
  hint,
  className,
  ...props
}: { label: string; error?: Errors; hint?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { id, errors, control } = useFieldIds(error, hint);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors} className={className ?? "wide"}>
      <textarea rows={3} {...control} {...props} />
    </FieldFrame>
  );
}

export function CheckboxField({
  label,
  error,
  ...props
}: { label: string; error?: Errors } & InputHTMLAttributes<HTMLInputElement>) {
  const t = useT();
  const { id, errors, control } = useFieldIds(error);
  return (
    <div className={errors.length ? "field check has-error" : "field check"}>
      <label htmlFor={id}>
        <input type="checkbox" {...control} {...props} /> {label}
      </label>
      <ErrorList id={`${id}-error`} errors={errors.map((e) => t.data(e))} />
    </div>
  );
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    // the alert around the list: a list with role="alert" is no list any more to a screen reader
    <div id={id} className="error-list" role="alert">
      <ul>
        {errors.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    </div>
  );
}
