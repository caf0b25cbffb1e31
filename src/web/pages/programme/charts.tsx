/**
 * Pictures of the programme, drawn on the server as SVG (no client library): counts by status, the timeline
 * 2018 → 2030, and experiments spreading between municipalities. Each picture is a named image whose facts are
 * also in an accessible table beside it (the pages put the table next to it); the SVG itself is for the eye.
 */
import { useTranslation } from '../../useTranslation.js';
import type { SpreadLink } from '../../../core/programme/queries.js';
import { TIMELINE_FROM, TIMELINE_TO } from '../../../core/programme/vocabulary.js';

export interface Bar {
  key: string;
  label: string;
  value: number;
}

/** Horizontal bars with their numbers; the scale is the largest value. */
export function BarChart({ id, label, bars }: { id: string; label: string; bars: Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 30;
  const labelW = 190;
  const barW = 220;
  const height = bars.length * row + 10;
  return (
    <svg
      className="pg-chart"
      viewBox={`0 0 ${labelW + barW + 50} ${height}`}
      role="img"
      aria-labelledby={`${id}-title`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{label}</title>
      {bars.map((b, i) => {
        const w = Math.round((b.value / max) * barW);
        const y = 5 + i * row;
        return (
          <g key={b.key}>
            <text x={labelW - 8} y={y + 19} textAnchor="end" className="pg-chart-label">
              {b.label}
            </text>
            <rect
              x={labelW}
              y={y + 4}
              width={Math.max(w, b.value ? 3 : 0)}
              height={row - 10}
              className={`pg-bar pg-fill-${b.key}`}
            />
            <text x={labelW + Math.max(w, 0) + 6} y={y + 19} className="pg-chart-value">
              {b.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface TimelineRow {
  key: string;
  label: string;
  points: { year: number; count: number; done: number }[];
}

/** One row per municipality, 2018 → 2030; a circle per roadmap year, sized by its milestones, the number inside. */
export function Timeline({
  id,
  label,
  rows,
  years,
}: {
  id: string;
  label: string;
  rows: TimelineRow[];
  years: number[];
}) {
  const { t } = useTranslation();
  const left = 110;
  const span = 760;
  const rowH = 34;
  const top = 30;
  const x = (year: number) => left + ((year - TIMELINE_FROM) / (TIMELINE_TO - TIMELINE_FROM)) * span;
  const height = top + rows.length * rowH + 10;
  const ticks = [...new Set([TIMELINE_FROM, ...years, TIMELINE_TO])].sort((a, b) => a - b);
  return (
    <svg
      className="pg-chart pg-timeline"
      viewBox={`0 0 ${left + span + 30} ${height}`}
      role="img"
      aria-labelledby={`${id}-title`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{label}</title>
      {ticks.map((y) => (
        <g key={y}>
          <line x1={x(y)} x2={x(y)} y1={top - 8} y2={height - 6} className="pg-grid" />
          <text x={x(y)} y={top - 14} textAnchor="middle" className="pg-chart-label">
            {y}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const cy = top + i * rowH + rowH / 2;
        return (
          <g key={r.key}>
            <text x={left - 12} y={cy + 5} textAnchor="end" className="pg-chart-label">
              {r.label}
            </text>
            <line x1={x(TIMELINE_FROM)} x2={x(TIMELINE_TO)} y1={cy} y2={cy} className="pg-axis" />
            {r.points.map((p) => {
              const rad = Math.min(15, 7 + p.count * 2);
              return (
                <g key={p.year}>
                  <circle
                    cx={x(p.year)}
                    cy={cy}
                    r={rad}
                    className={p.done === p.count ? 'pg-dot pg-dot-done' : 'pg-dot'}
                  >
                    <title>{t('programme.timeline.point', { year: p.year, count: p.count, done: p.done })}</title>
                  </circle>
                  <text x={x(p.year)} y={cy + 4} textAnchor="middle" className="pg-dot-label">
                    {p.count}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

/** Municipalities on a line, each experiment that spread an arc from where it began to where it went. */
export function SpreadPicture({
  id,
  label,
  links,
  name,
  compare,
}: {
  id: string;
  label: string;
  links: SpreadLink[];
  name: (code: string) => string;
  compare: (a: string, b: string) => number;
}) {
  const codes = [...new Set(links.flatMap((l) => [l.from, l.to]))].sort((a, b) => compare(name(a), name(b)));
  const gap = 120;
  const width = Math.max(300, codes.length * gap + 40);
  const base = 150;
  const x = (code: string) => 60 + codes.indexOf(code) * gap;
  return (
    <svg
      className="pg-chart pg-spread"
      viewBox={`0 0 ${width} ${base + 40}`}
      role="img"
      aria-labelledby={`${id}-title`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{label}</title>
      <defs>
        <marker
          id={`${id}-arrow`}
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" className="pg-arrow" />
        </marker>
      </defs>
      {links.map((l, i) => {
        const x1 = x(l.from);
        const x2 = x(l.to);
        const h = Math.min(120, 30 + Math.abs(x2 - x1) / 3 + (i % 3) * 8);
        return (
          <path
            key={`${l.actionId}-${l.to}-${i}`}
            d={`M ${x1} ${base - 10} Q ${(x1 + x2) / 2} ${base - 10 - h} ${x2} ${base - 10}`}
            className={`pg-link pg-link-${l.via}`}
            markerEnd={`url(#${id}-arrow)`}
          >
            <title>{`${name(l.from)} → ${name(l.to)}: ${l.title}`}</title>
          </path>
        );
      })}
      {codes.map((c) => (
        <g key={c}>
          <circle cx={x(c)} cy={base} r={8} className="pg-node" />
          <text x={x(c)} y={base + 28} textAnchor="middle" className="pg-chart-label">
            {name(c)}
          </text>
        </g>
      ))}
    </svg>
  );
}
