import { ComingSoon } from "~/components/coming-soon";
import { recordLoader } from "~/lib/guards.server";

export const loader = recordLoader("project", "projectId");

export default function Page() {
  return <ComingSoon title="projects.title" what="placeholder.record" />;
}
