import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { AppShell } from "./components/app-shell";
import { errorTitle, GeneralErrorBoundary } from "./components/error-boundary";
import { useNonce } from "./components/nonce";
import { getLang, translate, type Lang } from "./i18n";
import { mapConfig } from "./lib/map-config.server";
import { getUser } from "./session.server";
import leafletCss from "leaflet/dist/leaflet.css";
import appStyles from "./styles/app.css";

export const links: LinksFunction = () => [
  // small (a few kB): the maps in forms and on record pages need it; the script loads only with a map
  { rel: "stylesheet", href: leafletCss },
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const lang = data?.lang ?? "zh-CN";
  const title = translate(lang, "app.title");
  // an error page (the boundary is this route's): what went wrong, e.g. 页面不存在 · 村企联建台账
  if (!error) return [{ title }];
  return [{ title: `${translate(lang, errorTitle(isRouteErrorResponse(error) ? error.status : 500))} · ${title}` }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = getLang(request);
  const user = await getUser(request);
  // tiles for every map on every page (the map, the pickers in forms, the small maps)
  return json({ lang, user, map: mapConfig() });
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const lang: Lang = data?.lang ?? "zh-CN";
  const nonce = useNonce();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <AppShell user={data?.user ?? null}>{children}</AppShell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
