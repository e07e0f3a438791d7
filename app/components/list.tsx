import { Form, Link, useLocation, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n";

/** A column header that sorts the list by it: first ascending, then descending. */
export function SortHeader({ column, label, numeric }: { column: string; label: string; numeric?: boolean }) {
  const t = useT();
  const location = useLocation();
  const current = new URLSearchParams(location.search);
  const active = current.get("sort") === column;
  const currentDir = current.get("dir") === "desc" ? "desc" : "asc";
  const params = new URLSearchParams(location.search);
  params.set("sort", column);
  params.set("dir", active && currentDir === "asc" ? "desc" : "asc");
  params.delete("page");
  const ariaSort = active ? (currentDir === "asc" ? "ascending" : "descending") : undefined;
  return (
    <th className={numeric ? "num" : undefined} aria-sort={ariaSort}>
      <Link to={`?${params}`} title={t("common.sortBy", { column: label })} preventScrollReset>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (currentDir === "asc" ? " ▲" : " ▼") : ""}
        </span>
      </Link>
    </th>
  );
}

/** Links to the same list, with the same filters, as CSV and XLSX. */
export function ExportLinks({ base }: { base: string }) {
  const t = useT();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.delete("page");
  const query = params.toString() ? `?${params}` : "";
  return (
    <span className="export-links">
      <a href={`${base}.csv${query}`} className="button small" download>
        {t("common.exportCsv")}
      </a>
      <a href={`${base}.xlsx${query}`} className="button small" download>
        {t("common.exportXlsx")}
      </a>
    </span>
  );
}

/** The search box and filters of a list; a GET form, so the URL holds them and can be shared. */
export function ListFilters({ q, placeholder, children }: { q: string; placeholder: string; children?: ReactNode }) {
  const t = useT();
  const location = useLocation();
  const navigation = useNavigation();
  const params = new URLSearchParams(location.search);
  const sort = params.get("sort");
  const dir = params.get("dir");
  return (
    <Form method="get" className="filters" role="search">
      {sort ? <input type="hidden" name="sort" value={sort} /> : null}
      {dir ? <input type="hidden" name="dir" value={dir} /> : null}
      <label>
        <span>{t("common.search")}</span>
        <input type="search" name="q" defaultValue={q} placeholder={placeholder} />
      </label>
      {children}
      <button type="submit" className="button" disabled={navigation.state === "loading"}>
        {t("common.filter")}
      </button>
      {location.search ? (
        <Link to={location.pathname} className="clear-filters">
          {t("common.clearFilters")}
        </Link>
      ) : null}
    </Form>
  );
}

export function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | number | null | undefined;
  options: { value: string | number; label: string }[];
}) {
  const t = useT();
  return (
    <label>
      <span>{label}</span>
      {/* keyed by its value, so that it shows the URL's choice again after a navigation */}
      <select name={name} defaultValue={value ?? ""} key={value ?? ""}>
        <option value="">{t("common.all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A list page's title with its exports and, for those who may, the button to register a new one. */
export function ListHeader({
  title,
  base,
  create,
}: {
  title: string;
  base: string;
  create?: { to: string; label: string } | null;
}) {
  return (
    <div className="page-head">
      <h1>{title}</h1>
      <div className="head-actions">
        <ExportLinks base={base} />
        {create ? (
          <Link to={create.to} className="button primary">
            {create.label}
          </Link>
        ) : null}
      </div>
    </div>
  );
}

/** A year and a township to choose, as the summary and 报送情况 filter by. */
export function YearAndTownship({
  year,
  years,
  townshipId,
  townships,
}: {
  year: number;
  years: number[];
  townshipId: number | null | undefined;
  townships: { id: number; name: string }[];
}) {
  const t = useT();
  return (
    <>
      <label>
        <span>{t("summary.year")}</span>
        <select name="year" defaultValue={year}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("summary.township")}</span>
        <select name="township" defaultValue={townshipId ?? ""}>
          <option value="">{t("common.all")}</option>
          {townships.map((tw) => (
            <option key={tw.id} value={tw.id}>
              {tw.name}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
