import type { ReactNode } from "react";
import { useT } from "~/i18n";

/** An A4 sheet (styles/print.css): its print button, title and the line of facts under it, then the body. */
export function PrintSheet({
  title,
  meta,
  children,
  portrait = false,
}: {
  title: string;
  meta: ReactNode;
  children: ReactNode;
  /** an upright A4 page (the scorecard) rather than a landscape one */
  portrait?: boolean;
}) {
  const t = useT();
  return (
    <main className={portrait ? "print-sheet portrait" : "print-sheet"}>
      <div className="print-tools">
        <button type="button" className="button primary" onClick={() => window.print()}>
          {t("summary.print")}
        </button>
      </div>
      <h1>{title}</h1>
      <div className="print-meta">{meta}</div>
      {children}
    </main>
  );
}
