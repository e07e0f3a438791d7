import { listEnterpriseOptions } from "~/models/enterprise.server";
import { incomeYears, projectsOfVillages } from "~/models/income.server";
import { listTownships, listVillageOptions } from "~/models/village.server";

/** What the income list filters and the income form choose from. */
export async function incomeOptions() {
  const [villages, enterprises, projectLinks, years, townships] = await Promise.all([
    listVillageOptions(),
    listEnterpriseOptions(),
    projectsOfVillages(),
    incomeYears(),
    listTownships(),
  ]);
  const projects = [...new Map(projectLinks.map((p) => [p.projectId, { id: p.projectId, name: p.name }])).values()];
  return { villages, enterprises, projectLinks, projects, years, townships };
}
