import { useRouteLoaderData } from "@remix-run/react";
import { en } from "./en";
import { zhCN, type MessageKey } from "./zh-CN";

export type Lang = "zh-CN" | "en";
export type { MessageKey };
export const LANGS: readonly Lang[] = ["zh-CN", "en"];
export const LANG_COOKIE = "lang";

const catalogs: Record<Lang, Record<MessageKey, string>> = { "zh-CN": zhCN, en };

export function isMessageKey(key: string): key is MessageKey {
  return key in zhCN;
}

/** Looks a key up; unknown keys (e.g. a message from a library) are shown as they are. */
export function translate(lang: Lang, key: string, params?: Record<string, string | number>): string {
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

export type T = (key: MessageKey | string, params?: Record<string, string | number>) => string;

export function makeT(lang: Lang): T {
  return (key, params) => translate(lang, key, params);
}

/** The translate function for the language the root loader chose. */
export function useT(): T {
  const data = useRouteLoaderData<{ lang: Lang }>("root");
  return makeT(data?.lang ?? "zh-CN");
}

export function useLang(): Lang {
  return useRouteLoaderData<{ lang: Lang }>("root")?.lang ?? "zh-CN";
}
