import { ComingSoon } from "~/components/coming-soon";

export { adminLoader as loader } from "~/lib/guards.server";

export default function Page() {
  return <ComingSoon title="settings.title" what="placeholder.settings" />;
}
