import { ComingSoon } from "~/components/coming-soon";

export { writerLoader as loader } from "~/lib/guards.server";

export default function Page() {
  return <ComingSoon title="villages.title" what="placeholder.villageForm" />;
}
