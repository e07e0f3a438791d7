import { Form, Link, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { INCOME_CATEGORIES } from "../../db/enums";
import { useT } from "~/i18n";
import { todayIso } from "~/lib/dates";
import type { Named } from "~/lib/pick";
import { DateField, Field, SelectField, TextareaField } from "./field";
import { Picker } from "./picker";
import { formValues, type FormResult } from "./record-form";
import { useUnsavedWarning } from "./unsaved-warning";

/**
 * A new income record. Village, project and enterprise are type-to-search pickers; the project
 * picker lists only the chosen village's projects. A clerk's village search keeps to their own.
 */
export function IncomeForm({ defaultVillage, result }: { defaultVillage: Named | null; result?: FormResult }) {
  const t = useT();
  const navigation = useNavigation();
  const v = formValues(result, null);
  const e = result?.errors ?? {};
  const unsaved = useUnsavedWarning(Boolean(result));
  const first = (name: string) => v.picks(name)[0] ?? null;
  const [village, setVillage] = useState<Named | null>(result ? first("villageId") : defaultVillage);
  const errorCount = Object.values(e).filter((x) => x?.length).length;
  return (
    <>
      {errorCount ? (
        <p className="notice danger" role="alert">
          {t("common.formErrors", { count: errorCount })}
        </p>
      ) : null}
      <Form method="post" className="card record-form" noValidate {...unsaved}>
        <div className="form-grid">
          <Picker
            kind="village"
            label={t("income.village")}
            name="villageId"
            initial={village}
            initialText={v.typedText("villageId")}
            onChange={setVillage}
            error={e.villageId}
            scope={{ own: true }}
            autoFocus
          />
          <DateField
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
          {/* a new village empties the project: the picker starts again with that village's projects */}
          <Picker
            key={village?.id ?? "none"}
            kind="project"
            label={t("income.project")}
            name="projectId"
            initial={village?.id === first("villageId")?.id ? first("projectId") : null}
            initialText={village?.id === first("villageId")?.id ? v.typedText("projectId") : undefined}
            error={e.projectId}
            scope={{ village: village?.id }}
            placeholder={t("income.noProject")}
            hint={village ? t("pick.projectsOfVillage") : undefined}
          />
          <Picker
            kind="enterprise"
            label={t("income.enterprise")}
            name="enterpriseId"
            initial={first("enterpriseId")}
            initialText={v.typedText("enterpriseId")}
            error={e.enterpriseId}
            placeholder={t("income.noProject")}
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
