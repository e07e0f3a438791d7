import { useCombobox } from "downshift";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useT } from "~/i18n";
import { textFieldOf, type Choice, type Named, type PickKind } from "~/lib/pick";
import { ErrorList, FieldFrame, useFieldIds } from "./field";

// Type-to-search pickers (DESIGN, "From one township to a province"): a page never sends a whole
// table; the picker asks the server (/picks/:kind) for twenty records at a time. Downshift's
// useCombobox gives the ARIA 1.2 combobox (roles, aria-activedescendant, arrow keys, Enter,
// Escape) without hand-written ARIA. Without JavaScript the text field goes with the form and
// the server resolves the name typed into it (utils/pickers.server).

type Errors = string[] | string | undefined;

/** What narrows a search: a clerk's own villages (own), one village's projects (village). */
type SearchScope = { own?: boolean; village?: number | null };

/** Asks the server for choices as the user types, the last request winning. */
function useChoices(kind: PickKind, scope: SearchScope) {
  const [items, setItems] = useState<Choice[]>([]);
  const [state, setState] = useState<"idle" | "loading" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const pending = useRef<AbortController>();
  const { own, village } = scope;
  const search = useCallback(
    (q: string) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(async () => {
        pending.current?.abort();
        const request = new AbortController();
        pending.current = request;
        const params = new URLSearchParams({ q });
        if (own) params.set("own", "1");
        if (village) params.set("village", String(village));
        setState("loading");
        try {
          const response = await fetch(`/picks/${kind}?${params}`, { signal: request.signal });
          if (!response.ok) throw new Error(String(response.status));
          setItems(await response.json());
          setState("idle");
        } catch {
          if (!request.signal.aborted) setState("failed");
        }
      }, 120);
    },
    [kind, own, village]
  );
  useEffect(() => () => clearTimeout(timer.current), []);
  return { items, state, search };
}

/** True once React runs in the browser; before that (and without JavaScript) the form is plain HTML. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

function ChoiceLabel({ item }: { item: Choice }) {
  const t = useT();
  return (
    <>
      <span className="picker-name">{item.name}</span>
      {item.inactive ? <span className="badge">{t("organization.dissolved")}</span> : null}
      {item.note ? <span className="picker-note">{item.note}</span> : null}
    </>
  );
}

/**
 * Downshift names the highlighted choice as the input's active descendant even while a new search
 * has emptied the list (the highlight still at 0): name none then, as there is none to point at.
 */
const activeChoice = (open: boolean, items: Choice[], highlighted: number) =>
  open && highlighted >= 0 && highlighted < items.length ? {} : { "aria-activedescendant": undefined };

function Menu({
  open,
  items,
  state,
  highlightedIndex,
  getMenuProps,
  getItemProps,
}: {
  open: boolean;
  items: Choice[];
  state: "idle" | "loading" | "failed";
  highlightedIndex: number;
  getMenuProps: ReturnType<typeof useCombobox<Choice>>["getMenuProps"];
  getItemProps: ReturnType<typeof useCombobox<Choice>>["getItemProps"];
}) {
  const t = useT();
  const empty = state === "failed" ? t("pick.failed") : state === "loading" ? t("pick.loading") : t("pick.none");
  return (
    <>
      <ul {...getMenuProps()} className="picker-menu" hidden={!open || !items.length}>
        {open
          ? items.map((item, index) => (
              <li
                key={item.id}
                className={highlightedIndex === index ? "highlighted" : undefined}
                {...getItemProps({ item, index })}
              >
                <ChoiceLabel item={item} />
              </li>
            ))
          : null}
      </ul>
      {/* beside the list, not in it: a list box holds only its choices */}
      {open && !items.length ? (
        <p className="picker-menu picker-empty" role="status">
          {empty}
        </p>
      ) : null}
    </>
  );
}

/**
 * Chooses one village, enterprise, project or organization. The chosen id goes in `name`, what is
 * typed in `nameText` (left out once it names the choice, so a list's URL stays short).
 */
export function Picker({
  kind,
  name,
  label,
  initial,
  initialText,
  error,
  hint,
  placeholder,
  scope = {},
  onChange,
  className,
  autoFocus,
}: {
  kind: PickKind;
  name: string;
  label: string;
  initial: Named | null;
  /** What the user had typed when the form comes back with an error. */
  initialText?: string;
  error?: Errors;
  hint?: string;
  placeholder?: string;
  scope?: SearchScope;
  onChange?: (choice: Named | null) => void;
  className?: string;
  autoFocus?: boolean;
}) {
  const t = useT();
  const { id, errors, control } = useFieldIds(error, hint);
  const hydrated = useHydrated();
  const [selected, setSelected] = useState<Named | null>(initial);
  const { items, state, search } = useChoices(kind, scope);
  const { isOpen, getInputProps, getMenuProps, getItemProps, highlightedIndex, inputValue } = useCombobox<Choice>({
    id: `${id}-picker`,
    inputId: id,
    labelId: `${id}-label`,
    items,
    itemToString: (item) => item?.name ?? "",
    itemToKey: (item) => item?.id,
    selectedItem: selected ? { ...selected, note: null, inactive: 0 } : null,
    initialInputValue: initialText ?? initial?.name ?? "",
    onSelectedItemChange: ({ selectedItem }) => {
      const next = selectedItem ? { id: selectedItem.id, name: selectedItem.name } : null;
      setSelected(next);
      onChange?.(next);
    },
    onInputValueChange: ({ inputValue, type }) => {
      if (type === useCombobox.stateChangeTypes.InputChange) {
        search(inputValue);
        if (!inputValue && selected) {
          setSelected(null);
          onChange?.(null);
        }
      }
    },
    onIsOpenChange: ({ isOpen: open, inputValue }) => {
      if (open) search(selected && inputValue === selected.name ? "" : inputValue ?? "");
    },
  });
  // the text goes with the form unless it is empty or exactly the chosen record's name
  const sendText = !hydrated || (inputValue !== "" && inputValue !== selected?.name);
  return (
    <FieldFrame
      id={id}
      labelId={`${id}-label`}
      label={label}
      hint={hint}
      errors={errors}
      className={["picker", className ?? ""].join(" ").trim()}
    >
      <div className="picker-box">
        <input
          {...getInputProps({
            name: sendText ? textFieldOf(name) : undefined,
            placeholder: placeholder ?? t("pick.placeholder"),
            autoFocus,
            "aria-invalid": control["aria-invalid"],
            "aria-describedby": control["aria-describedby"],
          })}
          {...activeChoice(isOpen, items, highlightedIndex)}
          autoComplete="off"
        />
        <input type="hidden" name={name} value={selected?.id ?? ""} />
        <Menu
          open={isOpen}
          items={items}
          state={state}
          highlightedIndex={highlightedIndex}
          getMenuProps={getMenuProps}
          getItemProps={getItemProps}
        />
      </div>
    </FieldFrame>
  );
}

/**
 * Chooses several records (a project's villages, an organization's enterprises): the chosen ones
 * are ticked boxes, a search adds more. Without JavaScript, names typed into the search field
 * (separated by 、 or commas) are added by the server, and unticking a box removes one.
 */
export function MultiPicker({
  kind,
  name,
  legend,
  initial,
  initialText,
  error,
  hint,
}: {
  kind: PickKind;
  name: string;
  legend: string;
  initial: Named[];
  initialText?: string;
  error?: Errors;
  hint?: string;
}) {
  const t = useT();
  const id = useId();
  const [chosen, setChosen] = useState<Named[]>(initial);
  const [unticked, setUnticked] = useState<Set<number>>(() => new Set());
  const [text, setText] = useState(initialText ?? "");
  const { items: found, state, search } = useChoices(kind, {});
  // what is ticked already is not offered again
  const items = found.filter((f) => !chosen.some((c) => c.id === f.id && !unticked.has(c.id)));
  const errors = typeof error === "string" ? [error] : error ?? [];
  const { isOpen, getLabelProps, getInputProps, getMenuProps, getItemProps, highlightedIndex } = useCombobox<Choice>({
    id: `${id}-picker`,
    inputId: id,
    items,
    itemToString: (item) => item?.name ?? "",
    itemToKey: (item) => item?.id,
    selectedItem: null,
    inputValue: text,
    stateReducer: (state, { changes, type }) => {
      const picked =
        type === useCombobox.stateChangeTypes.InputKeyDownEnter || type === useCombobox.stateChangeTypes.ItemClick;
      // stay open on the same row after a choice, so that several can be added in a row
      return picked ? { ...changes, isOpen: true, highlightedIndex: state.highlightedIndex, inputValue: "" } : changes;
    },
    onStateChange: ({ type, selectedItem, inputValue }) => {
      if (type === useCombobox.stateChangeTypes.InputChange) {
        setText(inputValue ?? "");
        search(inputValue ?? "");
      }
      if (
        selectedItem &&
        (type === useCombobox.stateChangeTypes.InputKeyDownEnter || type === useCombobox.stateChangeTypes.ItemClick)
      ) {
        setText("");
        setChosen((list) =>
          list.some((c) => c.id === selectedItem.id)
            ? list
            : [...list, { id: selectedItem.id, name: selectedItem.name }]
        );
        setUnticked((s) => {
          const next = new Set(s);
          next.delete(selectedItem.id);
          return next;
        });
      }
    },
    onIsOpenChange: ({ isOpen: open }) => {
      if (open) search(text);
    },
  });
  const count = chosen.filter((c) => !unticked.has(c.id)).length;
  return (
    <fieldset
      className={errors.length ? "field checklist picker wide has-error" : "field checklist picker wide"}
      aria-describedby={errors.length ? `${id}-error` : undefined}
    >
      <legend>
        {legend} <span className="muted small">{t("common.selected", { count })}</span>
      </legend>
      {chosen.length ? (
        <div className="chips">
          {chosen.map((c) => (
            <label key={c.id} className="chip">
              <input
                type="checkbox"
                name={name}
                value={c.id}
                checked={!unticked.has(c.id)}
                onChange={(e) =>
                  setUnticked((s) => {
                    const next = new Set(s);
                    if (e.target.checked) next.delete(c.id);
                    else next.add(c.id);
                    return next;
                  })
                }
              />
              {c.name}
            </label>
          ))}
        </div>
      ) : (
        <p className="muted small">{t("pick.noneChosen")}</p>
      )}
      <div className="picker-box">
        <label {...getLabelProps()} className="sr-only">
          {t("pick.add", { what: legend })}
        </label>
        <input
          {...getInputProps({
            name: textFieldOf(name),
            placeholder: t("pick.addPlaceholder"),
          })}
          {...activeChoice(isOpen, items, highlightedIndex)}
          autoComplete="off"
        />
        <Menu
          open={isOpen}
          items={items}
          state={state}
          highlightedIndex={highlightedIndex}
          getMenuProps={getMenuProps}
          getItemProps={getItemProps}
        />
      </div>
      <p className="field-hint">{hint ?? t("pick.multiHint")}</p>
      <ErrorList id={`${id}-error`} errors={errors.map((e) => t.data(e))} />
    </fieldset>
  );
}

/** A list filter's picker: "all" when empty, the chosen record's id in the query otherwise. */
export function FilterPicker({
  kind,
  name,
  label,
  initial,
  error,
  onChange,
}: {
  kind: PickKind;
  name: string;
  label: string;
  initial: Named | null;
  error?: string;
  onChange?: (choice: Named | null) => void;
}) {
  const t = useT();
  // keyed by the choice, so that it shows the URL's choice again after a navigation
  return (
    <Picker
      key={initial?.id ?? ""}
      kind={kind}
      name={name}
      label={label}
      initial={initial}
      error={error}
      placeholder={t("common.all")}
      onChange={onChange}
    />
  );
}
