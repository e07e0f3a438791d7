import { ORG_LEVELS } from "../../db/enums";
import { useT, type T } from "~/i18n";
import { derivePattern } from "~/lib/organization-pattern";
import { DateField, Field, SelectField } from "./field";
import { MultiPicker } from "./picker";
import { RecordForm, formValues, type Fact, type FormResult } from "./record-form";

export type OrganizationRecord = {
  id: number;
  version: number;
  name: string;
  level: string;
  establishedOn: string | null;
  firstSecretary: string | null;
  firstSecretaryPost: string | null;
  instructor: string | null;
  partyMembers: number | null;
  dissolvedOn: string | null;
  villages: { id: number; name: string }[];
  enterprises: { id: number; name: string }[];
  villageIds: number[];
  enterpriseIds: number[];
};

export function organizationFacts(o: OrganizationRecord, t: T): Fact[] {
  return [
    [t("organization.name"), o.name],
    [t("organization.level"), t.data(`organization.level.${o.level}`)],
    [t("organization.pattern"), t(`organization.pattern.${derivePattern(o.villages.length, o.enterprises.length)}`)],
    [t("organization.establishedOn"), o.establishedOn],
    [t("organization.firstSecretary"), o.firstSecretary],
    [t("organization.firstSecretaryPost"), o.firstSecretaryPost],
    [t("organization.instructor"), o.instructor],
    [t("organization.partyMembers"), o.partyMembers],
    [
      t("organization.status"),
      o.dissolvedOn ? `${t("organization.dissolved")}（${o.dissolvedOn}）` : t("organization.active"),
    ],
    [t("organization.villages"), o.villages.map((v) => v.name).join("、")],
    [t("organization.enterprises"), o.enterprises.map((e) => e.name).join("、")],
  ];
}

export function OrganizationForm({
  organization,
  result,
  cancelTo,
}: {
  organization?: OrganizationRecord;
  result?: FormResult;
  cancelTo: string;
}) {
  const t = useT();
  const v = formValues(result, organization);
  const e = result?.errors ?? {};
  return (
    <RecordForm
      result={result}
      version={organization?.version}
      cancelTo={cancelTo}
      current={organization ? organizationFacts(organization, t) : undefined}
    >
      <Field
        label={t("organization.name")}
        name="name"
        defaultValue={v.text("name")}
        error={e.name}
        required
        autoFocus
        className="wide"
      />
      <SelectField
        label={t("organization.level")}
        name="level"
        defaultValue={v.text("level") || "branch"}
        error={e.level}
        options={ORG_LEVELS.map((l) => ({ value: l, label: t(`organization.level.${l}`) }))}
      />
      <DateField
        label={t("organization.establishedOn")}
        name="establishedOn"
        type="text"
        placeholder="2024-03-05"
        defaultValue={v.text("establishedOn")}
        error={e.establishedOn}
      />
      <Field
        label={t("organization.partyMembers")}
        name="partyMembers"
        defaultValue={v.text("partyMembers")}
        error={e.partyMembers}
        inputMode="numeric"
      />
      <Field
        label={t("organization.firstSecretary")}
        name="firstSecretary"
        defaultValue={v.text("firstSecretary")}
        error={e.firstSecretary}
      />
      <Field
        label={t("organization.firstSecretaryPost")}
        name="firstSecretaryPost"
        defaultValue={v.text("firstSecretaryPost")}
        error={e.firstSecretaryPost}
      />
      <Field
        label={t("organization.instructor")}
        name="instructor"
        defaultValue={v.text("instructor")}
        error={e.instructor}
      />
      <MultiPicker
        kind="village"
        legend={t("organization.villages")}
        name="villageIds"
        initial={v.picks("villageIds", organization?.villages)}
        initialText={v.typedText("villageIds")}
        error={e.villageIds}
      />
      <MultiPicker
        kind="enterprise"
        legend={t("organization.enterprises")}
        name="enterpriseIds"
        initial={v.picks("enterpriseIds", organization?.enterprises)}
        initialText={v.typedText("enterpriseIds")}
        error={e.enterpriseIds}
        hint={`${t("pick.multiHint")}。${t("organization.patternHint")}`}
      />
      <DateField
        label={t("organization.dissolvedOn")}
        name="dissolvedOn"
        placeholder="2024-12-31"
        defaultValue={v.text("dissolvedOn")}
        error={e.dissolvedOn}
        hint={t("organization.dissolvedHint")}
      />
    </RecordForm>
  );
}
