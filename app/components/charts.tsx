// Charts drawn as plain SVG on the server: they print, and need no JavaScript or chart library.

type Bar = { label: string; value: number; secondary?: number };

const niceMax = (max: number) => {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= max)!;
  return step * magnitude;
};

/**
 * Vertical bars with a value label on each, and optionally a second, narrower bar inside
 * (operating income within the total).
 */
export function BarChart({
  bars,
  format,
  title,
  secondaryLabel,
  primaryLabel,
  height = 220,
}: {
  bars: Bar[];
  format: (value: number) => string;
  title: string;
  primaryLabel?: string;
  secondaryLabel?: string;
  height?: number;
}) {
  const width = 640;
  const pad = { top: 22, right: 8, bottom: 28, left: 8 };
  const max = niceMax(Math.max(...bars.map((b) => b.value), 0));
  const slot = (width - pad.left - pad.right) / Math.max(bars.length, 1);
  const barWidth = Math.min(48, slot * 0.7);
  const plotHeight = height - pad.top - pad.bottom;
  const y = (v: number) => pad.top + plotHeight - (v / max) * plotHeight;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} preserveAspectRatio="xMidYMid meet">
        <title>{title}</title>
        <line x1={pad.left} x2={width - pad.right} y1={y(0)} y2={y(0)} className="chart-axis" />
        {bars.map((b, i) => {
          const x = pad.left + i * slot + (slot - barWidth) / 2;
          return (
            <g key={b.label}>
              <rect x={x} y={y(b.value)} width={barWidth} height={Math.max(0, y(0) - y(b.value))} className="chart-bar">
                <title>{`${b.label}: ${format(b.value)}`}</title>
              </rect>
              {b.secondary !== undefined && b.secondary > 0 ? (
                <rect
                  x={x + barWidth * 0.25}
                  y={y(b.secondary)}
                  width={barWidth * 0.5}
                  height={Math.max(0, y(0) - y(b.secondary))}
                  className="chart-bar-secondary"
                />
              ) : null}
              {b.value > 0 ? (
                <text x={x + barWidth / 2} y={y(b.value) - 5} className="chart-value" textAnchor="middle">
                  {format(b.value)}
                </text>
              ) : null}
              <text x={x + barWidth / 2} y={height - 9} className="chart-label" textAnchor="middle">
                {b.label}
              </text>
            </g>
          );
        })}
      </svg>
      {primaryLabel || secondaryLabel ? (
        <figcaption className="chart-legend">
          {primaryLabel ? (
            <span>
              <i className="swatch primary" /> {primaryLabel}
            </span>
          ) : null}
          {secondaryLabel ? (
            <span>
              <i className="swatch secondary" /> {secondaryLabel}
            </span>
          ) : null}
        </figcaption>
      ) : null}
    </figure>
  );
}
