import { useRouteLoaderData } from "@remix-run/react";
import { en } from "./en";
import { splitParams } from "./params";
import { zhCN, type MessageKey } from "./zh-CN";

export type Lang = "zh-CN" | "en";
export type { MessageKey };
export const LANG_COOKIE = "lang";

const catalogs: Record<Lang, Record<MessageKey, string>> = { "zh-CN": zhCN, en };

export function isMessageKey(key: string): key is MessageKey {
  return key in zhCN;
}

/**
 * Looks a key up; unknown keys (e.g. a message from a library) are shown as they are. A message
 * made by withParams (i18n/params.ts) brings its own parameters.
 */
export function translate(lang: Lang, message: string, given?: Record<string, string | number>): string {
  const { key, params: carried } = splitParams(message);
  const params = carried ? { ...carried, ...given } : given;
  const text = isMessageKey(key) ? catalogs[lang][key] : key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function langFromCookieHeader(header: string | null): Lang {
  const match = /(?:^|;\s*)lang=([^;]+)/.exec(header ?? "");
  return match && decodeURIComponent(match[1]) === "en" ? "en" : "zh-CN";
}

export function getLang(request: Request): Lang {
  return langFromCookieHeader(request.headers.get("Cookie"));
}

type Params = Record<string, string | number>;
/**
 * The translate function: `t("key")` takes only catalog keys, so a typo fails the type check;
 * `t.data(key)` is for keys that arrive as data (an error key from the server, a zod message, an
 * enumeration's label built from its code), shown as they are when the catalog lacks them.
 */
export type T = ((key: MessageKey, params?: Params) => string) & { data: (key: string, params?: Params) => string };

export function makeT(lang: Lang): T {
  const data = (key: string, params?: Params) => translate(lang, key, params);
  return Object.assign((key: MessageKey, params?: Params) => data(key, params), { data });
}

/** The translate function for the language the root loader chose. */
export function useT(): T {
  const data = useRouteLoaderData<{ lang: Lang }>("root");
  return makeT(data?.lang ?? "zh-CN");
}

export function useLang(): Lang {
  return useRouteLoaderData<{ lang: Lang }>("root")?.lang ?? "zh-CN";
}
