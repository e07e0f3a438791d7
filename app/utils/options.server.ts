import { listEnterpriseOptions } from "~/models/enterprise.server";
import { incomeYears, projectsOfVillages } from "~/models/income.server";
import { listOrganizationOptions } from "~/models/organization.server";
import { listTownships, listVillageOptions } from "~/models/village.server";

// What forms and list filters choose from.

/** The income list's filters and the income form. */
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

/** A project form, and the project list's filters. */
export async function projectFormOptions() {
  const [villages, enterprises, organizations] = await Promise.all([
    listVillageOptions(),
    listEnterpriseOptions(),
    listOrganizationOptions(),
  ]);
  return { villages: villages.map((v) => ({ ...v, note: v.townshipName })), enterprises, organizations };
}
