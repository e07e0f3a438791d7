import { Link } from "@remix-run/react";
import { useT } from "~/i18n";

/**
 * Where a page sits, above its heading: its list, the record, the page itself (村庄 › 井亭村 › 编辑),
 * each but the last a link back. A record page's way back to its list, on a phone too.
 */
export function Crumbs({ trail }: { trail: [label: string, to?: string][] }) {
  const t = useT();
  return (
    <nav aria-label={t("nav.breadcrumb")} className="crumbs">
      <ol>
        {trail.map(([label, to], i) => (
          <li key={i} aria-current={i === trail.length - 1 ? "page" : undefined}>
            {to && i < trail.length - 1 ? <Link to={to}>{label}</Link> : label}
          </li>
        ))}
      </ol>
    </nav>
  );
}
