import { ComingSoon } from "~/components/coming-soon";
import { editRecordLoader } from "~/lib/guards.server";

export const loader = editRecordLoader("project", "projectId");

export default function Page() {
  return <ComingSoon title="projects.title" what="placeholder.record" />;
}
