import { VILLAGE_KINDS } from "../../db/enums";
import { useT, type T } from "~/i18n";
import { CoordinateFields } from "./coordinate-fields";
import { CheckboxField, Field, SelectField, TextareaField } from "./field";
import { RecordForm, formValues, type Fact, type FormResult } from "./record-form";

type Township = { id: number; name: string; code: string | null };
export type VillageRecord = {
  id: number;
  version: number;
  name: string;
  townshipId: number;
  townshipName?: string;
  kind: string;
  code: string | null;
  collectiveCreditCode: string | null;
  lat: number | null;
  lng: number | null;
  households: number | null;
  population: number | null;
  partyMembers: number | null;
  secretary: string | null;
  notes: string | null;
  boundary?: string | null;
};

export function villageFacts(v: VillageRecord, t: T): Fact[] {
  return [
    [t("village.name"), v.name],
    [t("village.township"), v.townshipName],
    [t("village.kind"), t.data(`village.kind.${v.kind}`)],
    [t("village.code"), v.code],
    [t("village.collectiveCreditCode"), v.collectiveCreditCode],
    [t("village.households"), v.households],
    [t("village.population"), v.population],
    [t("village.partyMembers"), v.partyMembers],
    [t("village.secretary"), v.secretary],
    [t("village.lat"), v.lat],
    [t("village.lng"), v.lng],
    [t("village.notes"), v.notes],
  ];
}

export function VillageForm({
  village,
  townships,
  result,
  cancelTo,
}: {
  village?: VillageRecord;
  townships: Township[];
  result?: FormResult;
  cancelTo: string;
}) {
  const t = useT();
  const v = formValues(result, village);
  const e = result?.errors ?? {};
  return (
    <RecordForm
      encType="multipart/form-data"
      result={result}
      version={village?.version}
      cancelTo={cancelTo}
      current={village ? villageFacts(village, t) : undefined}
    >
      <Field label={t("village.name")} name="name" defaultValue={v.text("name")} error={e.name} required autoFocus />
      <SelectField
        label={t("village.township")}
        name="townshipId"
        defaultValue={v.text("townshipId")}
        error={e.townshipId}
        placeholder=""
        options={townships.map((tw) => ({ value: tw.id, label: tw.code ? `${tw.name}（${tw.code}）` : tw.name }))}
      />
      <SelectField
        label={t("village.kind")}
        name="kind"
        defaultValue={v.text("kind") || "village"}
        error={e.kind}
        options={VILLAGE_KINDS.map((k) => ({ value: k, label: t(`village.kind.${k}`) }))}
      />
      <Field
        label={t("village.code")}
        name="code"
        defaultValue={v.text("code")}
        error={e.code}
        inputMode="numeric"
        maxLength={12}
        hint={t("village.codeHint")}
      />
      <Field
        label={t("village.collectiveCreditCode")}
        name="collectiveCreditCode"
        defaultValue={v.text("collectiveCreditCode")}
        error={e.collectiveCreditCode}
        maxLength={18}
        hint={t("village.creditCodeHint")}
        className="mono-input"
      />
      <Field label={t("village.secretary")} name="secretary" defaultValue={v.text("secretary")} error={e.secretary} />
      <Field
        label={t("village.households")}
        name="households"
        defaultValue={v.text("households")}
        error={e.households}
        inputMode="numeric"
      />
      <Field
        label={t("village.population")}
        name="population"
        defaultValue={v.text("population")}
        error={e.population}
        inputMode="numeric"
      />
      <Field
        label={t("village.partyMembers")}
        name="partyMembers"
        defaultValue={v.text("partyMembers")}
        error={e.partyMembers}
        inputMode="numeric"
      />
      <CoordinateFields
        lat={v.text("lat")}
        lng={v.text("lng")}
        errors={e}
        labels={{ lat: t("village.lat"), lng: t("village.lng") }}
        boundary={village?.boundary ? JSON.parse(village.boundary) : undefined}
      />
      <Field
        label={t("map.boundary")}
        name="boundaryFile"
        type="file"
        accept=".geojson,.json,application/geo+json,application/json"
        error={e.boundary}
        hint={t("map.boundaryHint")}
      />
      {village?.boundary ? <CheckboxField label={t("map.clearBoundary")} name="clearBoundary" /> : null}
      <TextareaField label={t("village.notes")} name="notes" defaultValue={v.text("notes")} error={e.notes} />
    </RecordForm>
  );
}
