import { exportLoader } from "~/lib/guards.server";

export const loader = exportLoader("summary", "xlsx");
