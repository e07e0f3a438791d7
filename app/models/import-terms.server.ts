import { sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import type { ContractTerm } from "../../db/schema";
import { cellText, type Table } from "~/lib/tabular.server";
import { TermSchema } from "~/validation/term";
import { formValues, mapHeaders } from "./formats.server";
import { planRecords, type ImportPlan } from "./import-plan.server";
import { inJson, jsonTuples } from "./shared.server";

// Importing contract terms (合同收益条款): a project by its exact name, the receiving village by
// its 12-digit code or a name only one village has, the paying enterprise by credit code or exact
// name; the village and enterprise must be the project's. A term is the same term when its
// project, village, enterprise, kind and first due date are: importing a file twice changes nothing.

/** Every distinct cell of a column, as the planner reads it. */
function cellsOf(table: Table, key: string) {
  const at = mapHeaders("terms", table.headers).index[key];
  return at === undefined ? [] : [...new Set(table.rows.map((r) => cellText(r.cells[at]).trim()).filter(Boolean))];
}

export async function planTermImport(table: Table): Promise<ImportPlan> {
  const db = await getDb();
  const projectNames = cellsOf(table, "project");
  const projects = (
    (await jsonTuples(
      ["id", "name", "contractEnd"],
      sql`SELECT id, name, contract_end AS contractEnd FROM projects WHERE name IN ${inJson(projectNames)}`
    )) as [number, string, string | null][]
  ).map(([id, name, contractEnd]) => ({ id, name, contractEnd }));
  const projectByName = new Map(projects.map((p) => [p.name, p]));
  const ids = projects.map((p) => p.id);
  const members = await db.all<{
    projectId: number;
    kind: "v" | "e";
    id: number;
    name: string;
    code: string | null;
  }>(sql`
    SELECT pv.project_id AS projectId, 'v' AS kind, v.id, v.name, v.code FROM project_villages pv
      JOIN villages v ON v.id = pv.village_id WHERE pv.project_id IN ${inJson(ids)}
    UNION ALL
    SELECT pe.project_id, 'e', e.id, e.name, e.credit_code FROM project_enterprises pe
      JOIN enterprises e ON e.id = pe.enterprise_id WHERE pe.project_id IN ${inJson(ids)}`);
  const existing = await db.all<
    Pick<ContractTerm, "id" | "version" | "projectId" | "villageId" | "enterpriseId" | "kind" | "category"> &
      Pick<ContractTerm, "amountFen" | "period" | "firstDue" | "increaseBp" | "increaseEveryYears" | "endsOn" | "notes">
  >(sql`
    SELECT id, version, project_id AS projectId, village_id AS villageId, enterprise_id AS enterpriseId, kind, category,
      amount_fen AS amountFen, period, first_due AS firstDue, increase_bp AS increaseBp,
      increase_every_years AS increaseEveryYears, ends_on AS endsOn, notes
    FROM contract_terms WHERE project_id IN ${inJson(ids)}`);
  const termKey = (t: { projectId: number; villageId: number; enterpriseId: number; kind: string; firstDue: string }) =>
    [t.projectId, t.villageId, t.enterpriseId, t.kind, t.firstDue].join("|");
  const existingByKey = new Map(existing.map((t) => [termKey(t), t]));
  /** A member of the project named by code or name: its id, or why not. */
  const member = (projectId: number, kind: "v" | "e", text: string): number | string => {
    const of = members.filter((m) => m.projectId === projectId && m.kind === kind);
    const byCode = of.find((m) => m.code && m.code.toUpperCase() === text.toUpperCase());
    if (byCode) return byCode.id;
    const named = of.filter((m) => m.name === text);
    if (named.length === 1) return named[0].id;
    return kind === "v" ? "error.term.village" : "error.term.enterprise";
  };
  // the row being planned: planRecords builds, checks, matches and plans one row at a time
  let rowProject: { id: number; contractEnd: string | null } | undefined;
  return planRecords({
    kind: "terms",
    table,
    schema: TermSchema,
    build: (get, fail) => {
      const values: Record<string, unknown> = formValues("terms", get);
      rowProject = projectByName.get(get("project").trim());
      if (!rowProject) {
        fail("project", "error.import.unknownProject", get("project"));
        // the row is refused already: its village and enterprise are not asked for again
        return { ...values, villageId: "1", enterpriseId: "1" };
      }
      const village = member(rowProject.id, "v", get("village").trim());
      const enterprise = member(rowProject.id, "e", get("enterprise").trim());
      if (typeof village === "string") fail("village", village, get("village"));
      if (typeof enterprise === "string") fail("enterprise", enterprise, get("enterprise"));
      // the term's end: the file's, or the project's contract end
      if (!values.endsOn && rowProject.contractEnd) values.endsOn = rowProject.contractEnd;
      if (!values.endsOn) fail("endsOn", "error.term.endNeeded");
      return { ...values, villageId: String(village), enterpriseId: String(enterprise) };
    },
    match: (data) => existingByKey.get(termKey({ ...data, projectId: rowProject!.id })),
    duplicateKey: (data) => termKey({ ...data, projectId: rowProject!.id }),
    toWrite: (row, input, found) => ({ kind: "term", row, projectId: rowProject!.id, input, existing: found }),
  });
}
