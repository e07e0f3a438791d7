import { Form, Link, useNavigation } from "@remix-run/react";
import { ACTIVITY_KINDS } from "../../db/enums";
import { useT } from "~/i18n";
import { todayIso } from "~/lib/dates";
import { DateField, Field, SelectField, TextareaField } from "./field";
import { formValues, type FormResult } from "./record-form";
import { useUnsavedWarning } from "./unsaved-warning";

type ActivityRecord = {
  id: number;
  version: number;
  heldOn: string;
  kind: string;
  title: string;
  summary: string | null;
  attendance: number | null;
};

/** Adds an activity to an organization, or edits one (then it carries the activity's version). */
export function ActivityForm({
  activity,
  result,
  cancelTo,
}: {
  activity?: ActivityRecord;
  result?: FormResult;
  cancelTo: string;
}) {
  const t = useT();
  const navigation = useNavigation();
  const v = formValues(result, activity);
  const e = result?.errors ?? {};
  const unsaved = useUnsavedWarning(Boolean(result));
  return (
    <section className="card" id="activity-form">
      <h2>{activity ? t("activity.edit") : t("activity.add")}</h2>
      {result?.stale ? (
        <p className="notice danger" role="alert">
          {t("common.stale")}
        </p>
      ) : null}
      <Form method="post" className="form-grid" noValidate key={activity?.id ?? "new"} {...unsaved}>
        <input type="hidden" name="intent" value="activity" />
        {activity ? (
          <>
            <input type="hidden" name="activityId" value={activity.id} />
            <input type="hidden" name="version" value={activity.version} />
          </>
        ) : null}
        <DateField
          label={t("activity.heldOn")}
          name="heldOn"
          defaultValue={v.text("heldOn") || todayIso()}
          error={e.heldOn}
          placeholder="2024-03-05"
        />
        <SelectField
          label={t("activity.kind")}
          name="kind"
          defaultValue={v.text("kind") || "quarterly_review"}
          error={e.kind}
          options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activity.kind.${k}`) }))}
        />
        <Field label={t("activity.title")} name="title" defaultValue={v.text("title")} error={e.title} />
        <Field
          label={t("activity.attendance")}
          name="attendance"
          defaultValue={v.text("attendance")}
          error={e.attendance}
          inputMode="numeric"
        />
        <TextareaField
          label={t("activity.summary")}
          name="summary"
          defaultValue={v.text("summary")}
          error={e.summary}
        />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
            {activity ? t("common.save") : t("activity.add")}
          </button>
          {activity ? (
            <Link to={cancelTo} className="button">
              {t("common.cancel")}
            </Link>
          ) : null}
        </div>
      </Form>
    </section>
  );
}
