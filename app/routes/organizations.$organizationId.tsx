import { ComingSoon } from "~/components/coming-soon";
import { recordLoader } from "~/lib/guards.server";

export const loader = recordLoader("organization", "organizationId");

export default function Page() {
  return <ComingSoon title="organizations.title" what="placeholder.record" />;
}
