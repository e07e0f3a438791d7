import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { ROOT, TMP } from "./paths";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** How `npm start` runs the server (package.json): its environment settings and node flags, so tests run it the same way. */
export function startCommand(): { env: Record<string, string>; flags: string[] } {
  const scripts = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
  const match = /((?:\w+=\S+ )*)node ((?:--\S+ )*)build\/index\.js/.exec(scripts.start);
  if (!match) throw new Error(`npm start does not run node build/index.js: ${scripts.start}`);
  const env = Object.fromEntries(
    match[1]
      .split(" ")
      .filter(Boolean)
      .map((pair) => pair.split("=") as [string, string])
  );
  return { env, flags: match[2].split(" ").filter(Boolean) };
}

/** The node flags `npm start` gives the server. */
export const startFlags = () => startCommand().flags;

export type TestServer = {
  url: string;
  databaseFile: string;
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
};

export function freshDatabaseFile(): string {
  return path.join(mkdtempSync(path.join(TMP, "server-")), "app.db");
}

/**
 * Starts the built app (npm test builds it first) as `npm start` would, on a free loopback port,
 * against its own database file: an empty one unless the test prepared it.
 */
export async function startServer({
  databaseFile = freshDatabaseFile(),
  env = {},
}: { databaseFile?: string; env?: Record<string, string> } = {}): Promise<TestServer> {
  const port = await freePort();
  let output = "";
  // node itself, not through npm: killing npm would leave the real server running
  const start = startCommand();
  const child: ChildProcess = spawn(process.execPath, [...start.flags, "build/index.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...start.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: `file:${databaseFile}`,
      ADMIN_PASSWORD: "demo-admin-2024",
      SESSION_SECRET: "e2e-session-secret",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    try {
      const response = await fetch(`${url}/login`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    databaseFile,
    pid: child.pid!,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Signs in over HTTP, as a browser form post would, and returns the session cookie. */
export async function loginCookie(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: "POST",
    body: new URLSearchParams({ username, password }),
    headers: { Origin: url },
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie");
  if (response.status !== 302 || !cookie) throw new Error(`login as ${username} failed: ${response.status}`);
  return cookie.split(";")[0];
}
