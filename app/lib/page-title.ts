import type { MetaFunction } from "@remix-run/node";
import { translate, type Lang, type MessageKey } from "~/i18n";

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
/** A part of a page's title: a catalog key, or what the page's data names (nothing while it has none). */
type Part<D> = MessageKey | ((data: D, t: Translate) => string | null | undefined);

/**
 * A page's browser title, most particular first: "井亭村 · 村庄 · 村企联建台账". Every page has its
 * own, so tabs, history and bookmarks tell them apart; in the user's language (the root's).
 */
export function pageTitle<D = never>(...parts: Part<D>[]): MetaFunction {
  return ({ data, matches }) => {
    const root = matches.find((m) => m.id === "root")?.data as { lang?: Lang } | undefined;
    const t: Translate = (key, params) => translate(root?.lang ?? "zh-CN", key, params);
    const texts = parts.map((part) => (typeof part === "function" ? (data ? part(data as D, t) : null) : t(part)));
    return [{ title: [...texts.filter(Boolean), t("app.title")].join(" · ") }];
  };
}
