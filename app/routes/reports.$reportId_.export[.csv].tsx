import { reportExportLoader } from "~/utils/export-loader.server";

export const loader = reportExportLoader("csv");
