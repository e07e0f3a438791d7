import { ComingSoon } from "~/components/coming-soon";
import { recordLoader } from "~/lib/guards.server";

export const loader = recordLoader("income", "incomeId");

export default function Page() {
  return <ComingSoon title="income.title" what="placeholder.record" />;
}
