import { INDUSTRY_SECTIONS } from "../../db/enums";
import { useT, type T } from "~/i18n";
import { CoordinateFields } from "./coordinate-fields";
import { CheckboxField, Field, SelectField } from "./field";
import { RecordForm, formValues, type Fact, type FormResult } from "./record-form";

export type EnterpriseRecord = {
  id: number;
  version: number;
  name: string;
  creditCode: string | null;
  industry: string | null;
  aboveSize: boolean;
  legalRep: string | null;
  contact: string | null;
  phone: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  hasPartyOrg: boolean;
  partyMembers: number | null;
};

export const industryLabel = (t: T, code: string | null) => (code ? `${code} ${t.data(`industry.${code}`)}` : null);

export function enterpriseFacts(e: EnterpriseRecord, t: T): Fact[] {
  const yes = (b: boolean) => (b ? t("common.yes") : t("common.no"));
  return [
    [t("enterprise.name"), e.name],
    [t("enterprise.creditCode"), e.creditCode],
    [t("enterprise.industry"), industryLabel(t, e.industry)],
    [t("enterprise.aboveSize"), yes(e.aboveSize)],
    [t("enterprise.legalRep"), e.legalRep],
    [t("enterprise.contact"), e.contact],
    [t("enterprise.phone"), e.phone],
    [t("enterprise.address"), e.address],
    [t("enterprise.hasPartyOrg"), yes(e.hasPartyOrg)],
    [t("enterprise.partyMembers"), e.partyMembers],
    [t("enterprise.lat"), e.lat],
    [t("enterprise.lng"), e.lng],
  ];
}

export function EnterpriseForm({
  enterprise,
  result,
  cancelTo,
}: {
  enterprise?: EnterpriseRecord;
  result?: FormResult;
  cancelTo: string;
}) {
  const t = useT();
  const v = formValues(result, enterprise);
  const e = result?.errors ?? {};
  return (
    <RecordForm
      result={result}
      version={enterprise?.version}
      cancelTo={cancelTo}
      current={enterprise ? enterpriseFacts(enterprise, t) : undefined}
    >
      <Field label={t("enterprise.name")} name="name" defaultValue={v.text("name")} error={e.name} required autoFocus />
      <Field
        label={t("enterprise.creditCode")}
        name="creditCode"
        defaultValue={v.text("creditCode")}
        error={e.creditCode}
        maxLength={18}
        className="mono-input"
        hint={t("enterprise.creditCodeHint")}
      />
      <SelectField
        label={t("enterprise.industry")}
        name="industry"
        defaultValue={v.text("industry")}
        error={e.industry}
        placeholder=""
        options={INDUSTRY_SECTIONS.map((code) => ({ value: code, label: industryLabel(t, code)! }))}
      />
      <Field label={t("enterprise.legalRep")} name="legalRep" defaultValue={v.text("legalRep")} error={e.legalRep} />
      <Field label={t("enterprise.contact")} name="contact" defaultValue={v.text("contact")} error={e.contact} />
      <Field
        label={t("enterprise.phone")}
        name="phone"
        defaultValue={v.text("phone")}
        error={e.phone}
        inputMode="tel"
      />
      <Field
        label={t("enterprise.address")}
        name="address"
        defaultValue={v.text("address")}
        error={e.address}
        className="wide"
      />
      <CheckboxField
        label={t("enterprise.aboveSize")}
        name="aboveSize"
        defaultChecked={v.checked("aboveSize")}
        error={e.aboveSize}
      />
      <CheckboxField
        label={t("enterprise.hasPartyOrg")}
        name="hasPartyOrg"
        defaultChecked={v.checked("hasPartyOrg")}
        error={e.hasPartyOrg}
      />
      <Field
        label={t("enterprise.partyMembers")}
        name="partyMembers"
        defaultValue={v.text("partyMembers")}
        error={e.partyMembers}
        inputMode="numeric"
      />
      <CoordinateFields
        lat={v.text("lat")}
        lng={v.text("lng")}
        errors={e}
        labels={{ lat: t("enterprise.lat"), lng: t("enterprise.lng") }}
      />
    </RecordForm>
  );
}
