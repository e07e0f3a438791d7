import { ComingSoon } from "~/components/coming-soon";

export { anyUserLoader as loader } from "~/lib/guards.server";

export default function Page() {
  return <ComingSoon title="projects.title" what="placeholder.projects" />;
}
