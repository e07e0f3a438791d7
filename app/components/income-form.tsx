import { Form, Link, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { INCOME_CATEGORIES } from "../../db/enums";
import { useT } from "~/i18n";
import { todayIso } from "~/lib/dates";
import { Field, SelectField, TextareaField } from "./field";
import { formValues, type FormResult } from "./record-form";

type Options = {
  villages: { id: number; name: string; townshipName: string }[];
  enterprises: { id: number; name: string }[];
  projectLinks: { projectId: number; villageId: number; name: string }[];
};

/** A new income record. The project list narrows to the chosen village's projects. */
export function IncomeForm({ options, result }: { options: Options; result?: FormResult }) {
  const t = useT();
  const navigation = useNavigation();
  const v = formValues(result, null);
  const e = result?.errors ?? {};
  const onlyVillage = options.villages.length === 1 ? String(options.villages[0].id) : "";
  const [villageId, setVillageId] = useState(v.text("villageId") || onlyVillage);
  const projects = options.projectLinks.filter((p) => String(p.villageId) === villageId);
  const errorCount = Object.values(e).filter((x) => x?.length).length;
  return (
    <>
      {errorCount ? (
        <p className="notice danger" role="alert">
          {t("common.formErrors", { count: errorCount })}
        </p>
      ) : null}
      <Form method="post" className="card record-form" noValidate>
        <div className="form-grid">
          <SelectField
            label={t("income.village")}
            name="villageId"
            value={villageId}
            onChange={(event) => setVillageId(event.target.value)}
            error={e.villageId}
            placeholder=""
            options={options.villages.map((x) => ({ value: x.id, label: `${x.name}（${x.townshipName}）` }))}
          />
          <Field
            label={t("income.receivedOn")}
            name="receivedOn"
            defaultValue={v.text("receivedOn") || todayIso()}
            error={e.receivedOn}
            placeholder="2024-03-05"
          />
          <SelectField
            label={t("income.category")}
            name="category"
            defaultValue={v.text("category")}
            error={e.category}
            placeholder=""
            options={INCOME_CATEGORIES.map((c) => ({ value: c, label: t(`income.category.${c}`) }))}
          />
          <Field
            label={t("income.amount")}
            name="amountFen"
            defaultValue={v.text("amountFen")}
            error={e.amountFen}
            inputMode="decimal"
            placeholder="12345.67"
            hint={t("income.amountHint")}
          />
          <SelectField
            label={t("income.project")}
            name="projectId"
            defaultValue={v.text("projectId")}
            error={e.projectId}
            placeholder={t("income.noProject")}
            options={(villageId ? projects : options.projectLinks).map((p) => ({ value: p.projectId, label: p.name }))}
          />
          <SelectField
            label={t("income.enterprise")}
            name="enterpriseId"
            defaultValue={v.text("enterpriseId")}
            error={e.enterpriseId}
            placeholder={t("income.noProject")}
            options={options.enterprises.map((x) => ({ value: x.id, label: x.name }))}
          />
          <Field label={t("income.voucher")} name="voucher" defaultValue={v.text("voucher")} error={e.voucher} />
          <TextareaField label={t("income.note")} name="note" defaultValue={v.text("note")} error={e.note} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
            {t("common.save")}
          </button>
          <Link to="/income" className="button">
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
