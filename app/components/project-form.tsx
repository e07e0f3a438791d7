import { PROJECT_STATUSES, PROJECT_TYPES } from "../../db/enums";
import { useT, type T } from "~/i18n";
import { CoordinateFields } from "./coordinate-fields";
import { fenInput, formatFen } from "~/lib/money";
import { DateField, Field, SelectField, TextareaField } from "./field";
import { MultiPicker, Picker } from "./picker";
import { RecordForm, formValues, type Fact, type FormResult } from "./record-form";

export type ProjectRecord = {
  id: number;
  version: number;
  name: string;
  type: string;
  status: string;
  organizationId: number | null;
  organizationName: string | null;
  investmentFen: number | null;
  contractStart: string | null;
  contractEnd: string | null;
  expectedIncomeFen: number | null;
  lat: number | null;
  lng: number | null;
  notes: string | null;
  villages: { id: number; name: string }[];
  enterprises: { id: number; name: string }[];
  villageIds: number[];
  enterpriseIds: number[];
};

const yuanText = (fen: number | null) => (fen === null ? null : formatFen(fen));

export function projectFacts(p: ProjectRecord, t: T): Fact[] {
  return [
    [t("project.name"), p.name],
    [t("project.type"), t.data(`project.type.${p.type}`)],
    [t("project.status"), t.data(`project.status.${p.status}`)],
    [t("project.organization"), p.organizationName],
    [t("project.villages"), p.villages.map((v) => v.name).join("、")],
    [t("project.enterprises"), p.enterprises.map((e) => e.name).join("、")],
    [t("project.investment"), yuanText(p.investmentFen)],
    [t("project.expectedIncome"), yuanText(p.expectedIncomeFen)],
    [t("project.contractStart"), p.contractStart],
    [t("project.contractEnd"), p.contractEnd],
    [t("project.lat"), p.lat],
    [t("project.lng"), p.lng],
    [t("project.notes"), p.notes],
  ];
}

export function ProjectForm({
  project,
  result,
  cancelTo,
}: {
  project?: ProjectRecord;
  result?: FormResult;
  cancelTo: string;
}) {
  const t = useT();
  const v = formValues(result, project);
  const e = result?.errors ?? {};
  const organization =
    project?.organizationId && project.organizationName
      ? [{ id: project.organizationId, name: project.organizationName }]
      : [];
  return (
    <RecordForm
      result={result}
      version={project?.version}
      cancelTo={cancelTo}
      current={project ? projectFacts(project, t) : undefined}
    >
      <Field
        label={t("project.name")}
        name="name"
        defaultValue={v.text("name")}
        error={e.name}
        required
        autoFocus
        className="wide"
      />
      <SelectField
        label={t("project.type")}
        name="type"
        defaultValue={v.text("type")}
        error={e.type}
        placeholder=""
        options={PROJECT_TYPES.map((x) => ({ value: x, label: t(`project.type.${x}`) }))}
      />
      <SelectField
        label={t("project.status")}
        name="status"
        defaultValue={v.text("status") || "negotiating"}
        error={e.status}
        options={PROJECT_STATUSES.map((x) => ({ value: x, label: t(`project.status.${x}`) }))}
      />
      <Picker
        kind="organization"
        label={t("project.organization")}
        name="organizationId"
        initial={v.picks("organizationId", organization)[0] ?? null}
        initialText={v.typedText("organizationId")}
        error={e.organizationId}
        placeholder={t("project.noOrganization")}
      />
      <MultiPicker
        kind="village"
        legend={t("project.villages")}
        name="villageIds"
        initial={v.picks("villageIds", project?.villages)}
        initialText={v.typedText("villageIds")}
        error={e.villageIds}
      />
      <MultiPicker
        kind="enterprise"
        legend={t("project.enterprises")}
        name="enterpriseIds"
        initial={v.picks("enterpriseIds", project?.enterprises)}
        initialText={v.typedText("enterpriseIds")}
        error={e.enterpriseIds}
      />
      <Field
        label={t("project.investment")}
        name="investmentFen"
        defaultValue={v.text("investmentFen", fenInput(project?.investmentFen))}
        error={e.investmentFen}
        inputMode="decimal"
        placeholder="1234.50"
      />
      <Field
        label={t("project.expectedIncome")}
        name="expectedIncomeFen"
        defaultValue={v.text("expectedIncomeFen", fenInput(project?.expectedIncomeFen))}
        error={e.expectedIncomeFen}
        inputMode="decimal"
      />
      <DateField
        label={t("project.contractStart")}
        name="contractStart"
        defaultValue={v.text("contractStart")}
        error={e.contractStart}
        placeholder="2024-03-05"
      />
      <DateField
        label={t("project.contractEnd")}
        name="contractEnd"
        defaultValue={v.text("contractEnd")}
        error={e.contractEnd}
        placeholder="2034-03-04"
      />
      <CoordinateFields
        lat={v.text("lat")}
        lng={v.text("lng")}
        errors={e}
        labels={{ lat: t("project.lat"), lng: t("project.lng") }}
      />
      <TextareaField label={t("project.notes")} name="notes" defaultValue={v.text("notes")} error={e.notes} />
    </RecordForm>
  );
}
