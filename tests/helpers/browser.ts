import { mkdirSync, mkdtempSync } from "node:fs";
import path from "node:path";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { ROOT, TMP } from "./paths";

export const SCREENSHOTS = path.join(ROOT, "tests/.screenshots");

/** The browser errors seen so far in a context made by launchBrowser. */
export const browserErrors = (context: BrowserContext) => (context as BrowserContext & { errors: string[] }).errors;

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
  context.pages().forEach(watch);
  context.on("page", watch);
  (context as BrowserContext & { errors: string[] }).errors = errors;
  await context.route(/.*/, (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === "127.0.0.1" || host === "localhost" ? route.continue() : route.abort();
  });
  return context;
}

export async function screenshot(page: Page, name: string) {
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
