import { readdirSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./paths";

/** app/routes as URL patterns (Remix flat routes): villages.$villageId_.edit.tsx → /villages/:villageId/edit */
export function routePatterns() {
  return readdirSync(path.join(ROOT, "app/routes"))
    .filter((f) => f.endsWith(".tsx") && f !== "$.tsx")
    .map((file) => {
      // [.csv] is a literal dot, not a new segment
      const segments = file
        .replace(/\.tsx$/, "")
        .replace(/\[\.(\w+)\]/g, "\u0001$1")
        .split(".")
        .filter((s) => s !== "_index")
        .map((s) =>
          s
            .replace(/_$/, "")
            .replace(/^\$(\w+)/, ":$1")
            .replace("\u0001", ".")
        );
      return { file, url: `/${segments.join("/")}` };
    });
}
