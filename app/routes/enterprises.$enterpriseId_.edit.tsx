import { ComingSoon } from "~/components/coming-soon";
import { editRecordLoader } from "~/lib/guards.server";

export const loader = editRecordLoader("enterprise", "enterpriseId");

export default function Page() {
  return <ComingSoon title="enterprises.title" what="placeholder.record" />;
}
