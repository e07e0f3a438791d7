import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import * as build from "@remix-run/dev/server-build";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { prepareDatabase } from "../db/setup";
import { langFromCookieHeader, translate } from "./i18n";
import { securityHeaders } from "./lib/security-headers.server";
import { warmExportThread } from "./utils/export-run.server";

// The server's main module (remix.config.js `server`): compiled with the app into build/index.js.
// It prepares the database before it listens, and refuses cross-site changes with a proper page.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

try {
  await prepareDatabase();
} catch (error) {
  console.error("数据库初始化失败 / database setup failed:", error);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "1");
// slow village networks: compress every text response
app.use(compression());
app.use((_req, res, next) => {
  for (const [name, value] of Object.entries(securityHeaders())) {
    if (name !== "Content-Security-Policy") res.setHeader(name, value);
  }
  next();
});
app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
// the one file public/ holds besides build/: a static handler for all of public/ looked on disk
// for every page's path before the app answered it
app.get("/favicon.svg", (_req, res) => res.sendFile(path.join(root, "public/favicon.svg"), { maxAge: "1h" }));
app.use(refuseCrossSiteChanges);
app.use(limitBodies);
app.all(
  "*",
  // the client's address (behind a proxy: X-Forwarded-For, with TRUST_PROXY=1) for the login limit
  createRequestHandler({ build, mode: process.env.NODE_ENV, getLoadContext: (req) => ({ clientAddress: req.ip }) })
);

const port = Number(process.env.PORT) || 3000;
const host = process.env.HOST || "0.0.0.0";
app.listen(port, host, () => {
  warmExportThread();
  console.log(`村企联建台账 已启动 / listening: http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
});

/**
 * A form posted from another site's page carries its Origin. Remix itself aborts such a request
 * with an empty 500; answer it here with a 403 page the user can read.
 */
function refuseCrossSiteChanges(req: Request, res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const origin = req.get("origin");
  const fetchSite = req.get("sec-fetch-site");
  let sameOrigin = true;
  if (origin && origin !== "null") {
    try {
      sameOrigin = new URL(origin).host === (req.get("x-forwarded-host") ?? req.get("host"));
    } catch {
      sameOrigin = false;
    }
  } else if (origin === "null" || fetchSite === "cross-site") {
    sameOrigin = false;
  }
  if (sameOrigin) return next();
  refusal(req, res, 403, "errorPage.crossOrigin");
}

const MB = 1024 * 1024;
/** What a request body may weigh, by path: an import's file, a village's boundary file, any other form. */
const BODY_LIMITS: [RegExp, number][] = [
  [/^\/import\/?$/, 26 * MB],
  [/^\/villages\/(new|\d+\/edit)\/?$/, 6 * MB],
];
const FORM_LIMIT = 1 * MB;

/**
 * Refuses a body over its path's limit before a byte of it is read (Remix reads a form whole):
 * by its declared length, which Node holds the client to. A body without one is refused too;
 * browsers always declare it.
 */
function limitBodies(req: Request, res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const limit = BODY_LIMITS.find(([path]) => path.test(req.path))?.[1] ?? FORM_LIMIT;
  const declared = req.get("content-length");
  if (declared === undefined && req.get("transfer-encoding")) return refusal(req, res, 411, "errorPage.lengthRequired");
  if (Number(declared) > limit)
    return refusal(req, res, 413, "errorPage.tooLarge", { limit: String(Math.round(limit / MB)) });
  next();
}

/** A small page for a request refused before the app sees it, in the user's language; the connection closes. */
function refusal(req: Request, res: Response, status: number, textKey: string, params?: Record<string, string>) {
  const lang = langFromCookieHeader(req.get("cookie") ?? null);
  const title = translate(lang, status === 403 ? "errorPage.forbidden" : "errorPage.badRequest");
  const text = translate(lang, textKey, params);
  res
    .status(status)
    .setHeader("Content-Security-Policy", securityHeaders()["Content-Security-Policy"])
    .setHeader("Connection", "close")
    .type("html")
    .send(
      `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>` +
        `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;text-align:center">` +
        `<p style="font-size:3rem;color:#b3261e;margin:0">${status}</p><h1>${title}</h1><p>${text}</p><p><a href="/">${translate(
          lang,
          "common.backHome"
        )}</a></p></body></html>`
    );
}
