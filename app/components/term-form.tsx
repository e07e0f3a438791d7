import { INCOME_CATEGORIES, TERM_KINDS, TERM_PERIODS } from "../../db/enums";
import { useT } from "~/i18n";
import { fenInput } from "~/lib/money";
import { DateField, Field, SelectField, TextareaField } from "./field";
import { formValues, RecordForm, type FormResult } from "./record-form";

type Named = { id: number; name: string };
type TermValues = {
  villageId: number;
  enterpriseId: number;
  kind: string;
  category: string;
  amountFen: number;
  period: string;
  firstDue: string;
  increaseBp: number | null;
  increaseEveryYears: number | null;
  endsOn: string;
  notes: string | null;
  version: number;
};

/**
 * 合同收益条款: who receives and who pays (the project's villages and enterprises), what and how
 * often, from when to when, and how it rises. A one-village, one-enterprise project has both chosen.
 */
export function TermForm({
  project,
  term,
  result,
}: {
  project: { id: number; contractEnd: string | null; villages: Named[]; enterprises: Named[] };
  term?: TermValues;
  result?: FormResult;
}) {
  const t = useT();
  const v = formValues(result, null);
  const e = result?.errors ?? {};
  const value = (name: string, fromTerm: unknown) => v.text(name, fromTerm ?? "");
  const only = <T extends Named>(list: T[]) => (list.length === 1 ? String(list[0].id) : "");
  return (
    <RecordForm result={result} version={term?.version} cancelTo={`/projects/${project.id}`}>
      <SelectField
        label={t("term.village")}
        name="villageId"
        defaultValue={value("villageId", term?.villageId ?? only(project.villages))}
        error={e.villageId}
        placeholder=""
        options={project.villages.map((x) => ({ value: x.id, label: x.name }))}
        autoFocus
      />
      <SelectField
        label={t("term.enterprise")}
        name="enterpriseId"
        defaultValue={value("enterpriseId", term?.enterpriseId ?? only(project.enterprises))}
        error={e.enterpriseId}
        placeholder=""
        options={project.enterprises.map((x) => ({ value: x.id, label: x.name }))}
      />
      <SelectField
        label={t("term.kind")}
        name="kind"
        defaultValue={value("kind", term?.kind ?? "fixed_rent")}
        error={e.kind}
        options={TERM_KINDS.map((k) => ({ value: k, label: t(`term.kind.${k}`) }))}
      />
      <SelectField
        label={t("term.category")}
        name="category"
        defaultValue={value("category", term?.category ?? "contracting")}
        error={e.category}
        options={INCOME_CATEGORIES.map((c) => ({ value: c, label: t(`income.category.${c}`) }))}
      />
      <Field
        label={t("term.amount")}
        name="amountFen"
        inputMode="decimal"
        placeholder="12345.67"
        defaultValue={value("amountFen", fenInput(term?.amountFen))}
        error={e.amountFen}
      />
      <SelectField
        label={t("term.period")}
        name="period"
        defaultValue={value("period", term?.period ?? "year")}
        error={e.period}
        options={TERM_PERIODS.map((p) => ({ value: p, label: t(`term.period.${p}`) }))}
      />
      <DateField
        label={t("term.firstDue")}
        name="firstDue"
        placeholder="2024-12-31"
        defaultValue={value("firstDue", term?.firstDue)}
        error={e.firstDue}
      />
      <DateField
        label={t("term.endsOn")}
        name="endsOn"
        placeholder={project.contractEnd ?? "2034-12-31"}
        defaultValue={value("endsOn", term && term.endsOn !== project.contractEnd ? term.endsOn : "")}
        error={e.endsOn}
        hint={t("term.endsOnHint", { date: project.contractEnd ? `（${project.contractEnd}）` : "" })}
      />
      <Field
        label={t("term.increase")}
        name="increaseBp"
        inputMode="decimal"
        defaultValue={value("increaseBp", term?.increaseBp ? String(term.increaseBp / 100) : "")}
        error={e.increaseBp}
        hint={t("term.increaseHint")}
      />
      <Field
        label={t("term.everyYears")}
        name="increaseEveryYears"
        inputMode="numeric"
        defaultValue={value("increaseEveryYears", term?.increaseEveryYears)}
        error={e.increaseEveryYears}
      />
      <TextareaField label={t("term.notes")} name="notes" defaultValue={value("notes", term?.notes)} error={e.notes} />
    </RecordForm>
  );
}
