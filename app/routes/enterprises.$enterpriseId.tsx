import { ComingSoon } from "~/components/coming-soon";
import { recordLoader } from "~/lib/guards.server";

export const loader = recordLoader("enterprise", "enterpriseId");

export default function Page() {
  return <ComingSoon title="enterprises.title" what="placeholder.record" />;
}
