import { ComingSoon } from "~/components/coming-soon";
import { editRecordLoader } from "~/lib/guards.server";

export const loader = editRecordLoader("income", "incomeId");

export default function Page() {
  return <ComingSoon title="income.title" what="placeholder.record" />;
}
