import { listEnterpriseOptions } from "~/models/enterprise.server";
import { listOrganizationOptions } from "~/models/organization.server";
import { listVillageOptions } from "~/models/village.server";

/** What a project form chooses from. */
export async function projectFormOptions() {
  const [villages, enterprises, organizations] = await Promise.all([
    listVillageOptions(),
    listEnterpriseOptions(),
    listOrganizationOptions(),
  ]);
  return { villages: villages.map((v) => ({ ...v, note: v.townshipName })), enterprises, organizations };
}
