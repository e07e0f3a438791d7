import { exportLoader } from "~/utils/export-loader.server";

export const loader = exportLoader("terms", "xlsx");
