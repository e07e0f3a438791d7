// What every list page reads from its URL: search, page, sort column and direction, filters.

export const PAGE_SIZE = 50;

export type ListParams<S extends string> = {
  q?: string;
  page: number;
  sort: S;
  dir: "asc" | "desc";
};

export function readListParams<S extends string>(url: URL, sortKeys: readonly S[], defaultSort: S): ListParams<S> {
  const params = url.searchParams;
  const sort = params.get("sort") as S | null;
  return {
    q: params.get("q")?.trim() || undefined,
    page: Math.max(1, Math.floor(Number(params.get("page"))) || 1),
    sort: sort && sortKeys.includes(sort) ? sort : defaultSort,
    dir: params.get("dir") === "desc" ? "desc" : "asc",
  };
}

/** A positive integer id from the query string, or undefined. */
export function idParam(url: URL, name: string): number | undefined {
  const n = Number(url.searchParams.get(name));
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** One of the allowed values from the query string, or undefined. */
export function choiceParam<T extends string>(url: URL, name: string, values: readonly T[]): T | undefined {
  const v = url.searchParams.get(name) as T | null;
  return v && values.includes(v) ? v : undefined;
}

/** Escapes LIKE wildcards in what a user typed. */
export function likePattern(text: string, { prefix = false } = {}) {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return prefix ? `${escaped}%` : `%${escaped}%`;
}
