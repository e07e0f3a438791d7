import { ComingSoon } from "~/components/coming-soon";
import { editRecordLoader } from "~/lib/guards.server";

export const loader = editRecordLoader("organization", "organizationId");

export default function Page() {
  return <ComingSoon title="organizations.title" what="placeholder.record" />;
}
