import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { ROOT, TMP } from "./paths";

export const SCREENSHOTS = path.join(ROOT, "tests/.screenshots");

type Watched = BrowserContext & { errors: string[]; audits: Audits };
type Audits = { violations: string[]; pending: Set<Promise<void>>; seen: Set<string> };

/** The browser errors seen so far in a context made by launchBrowser. */
export const browserErrors = (context: BrowserContext) => (context as Watched).errors;

/**
 * What axe-core found wrong on the pages a context made by launchBrowser showed: every rule, every
 * impact, as "path|width|lang|…: rule (impact): elements". Waits for the audits still running.
 */
export async function accessibilityViolations(context: BrowserContext): Promise<string[]> {
  const { audits } = context as Watched;
  while (audits.pending.size) await Promise.all([...audits.pending]);
  return audits.violations;
}

const AXE = readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");

/**
 * Runs axe-core on what the page shows now, once for each path, width, language and state (the
 * number of fields in error, alerts and notices): every page the tests visit, on a desktop and on
 * a phone, in Chinese and in English, and each form with its errors.
 */
function audit(page: Page, audits: Audits) {
  const run = (async () => {
    try {
      const key = await page.evaluate(
        () =>
          `${location.pathname}${location.search}|${innerWidth}|${document.documentElement.lang}|` +
          document.querySelectorAll('[aria-invalid="true"], [role="alert"], [role="status"], [role="dialog"]').length
      );
      if (audits.seen.has(key)) return;
      audits.seen.add(key);
      if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
      const found = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (d: Document, o: object) => Promise<AxeResults> } }).axe;
        const { violations } = await axe.run(document, { resultTypes: ["violations"] });
        return violations.map(
          (v) =>
            `${v.id} (${v.impact}): ${v.nodes
              .map((n) => n.target.join(" "))
              .slice(0, 3)
              .join(", ")}`
        );
      });
      audits.violations.push(...found.map((f) => `${key}: ${f}`));
    } catch {
      // the page moved on or closed while it was audited: the next page is audited in its turn
    }
  })();
  audits.pending.add(run);
  void run.finally(() => audits.pending.delete(run));
  return run;
}
type AxeResults = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };

/** Debian's Chromium, headless, with a fresh profile; nothing may leave the machine. */
export async function launchBrowser({ javaScript = true }: { javaScript?: boolean } = {}): Promise<BrowserContext> {
  mkdirSync(TMP, { recursive: true });
  const profile = mkdtempSync(path.join(TMP, "chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    javaScriptEnabled: javaScript,
    locale: "zh-CN",
    viewport: { width: 1280, height: 860 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  // every uncaught error and console error of every page, for tests to assert there were none
  const errors: string[] = [];
  const watch = (page: import("playwright-core").Page) => {
    page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" && !/Failed to load resource|ERR_FAILED|ERR_INTERNET_DISCONNECTED/.test(m.text()))
        errors.push(`${page.url()}: ${m.text()}`);
    });
  };
  // and an accessibility audit of every page it shows (scripts off, there is nothing to run it with)
  const audits: Audits = { violations: [], pending: new Set(), seen: new Set() };
  const auditEach = (page: Page) => {
    page.on("load", () => void audit(page, audits));
    // Remix moves between pages without loading one: audited once the new page has rendered
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) setTimeout(() => void audit(page, audits), 300);
    });
  };
  context.pages().forEach(watch);
  context.on("page", watch);
  if (javaScript) {
    context.pages().forEach(auditEach);
    context.on("page", auditEach);
  }
  Object.assign(context, { errors, audits: javaScript ? audits : undefined });
  await context.route(/.*/, (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === "127.0.0.1" || host === "localhost" ? route.continue() : route.abort();
  });
  return context;
}

export async function screenshot(page: Page, name: string) {
  // what a screenshot shows is audited too: a form's errors, a notice
  const { audits } = page.context() as Watched;
  if (audits) await audit(page, audits);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function loginAs(page: Page, url: string, username: string, password: string) {
  await page.goto(`${url}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

/**
 * Types into a type-to-search picker (by its label) and clicks the choice whose text starts with
 * `choice` (the text typed, unless told). A multi-picker's search is labelled "添加" + its legend.
 */
export async function pick(scope: Page | Locator, label: string, text: string, choice = text) {
  const page = "goto" in scope ? scope : scope.page();
  await scope.getByRole("combobox", { name: label, exact: true }).fill(text);
  const starts = new RegExp(`^${choice.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
  await page.getByRole("listbox", { name: label, exact: true }).getByRole("option", { name: starts }).first().click();
}
