import { labelEvery, linearScale, niceTicks, segments, seriesColours, seriesDashes } from './scale';

export interface LineSeries {
  name: string;
  /** One value per x label; null where the period has no data (the line breaks there). */
  values: Array<number | null>;
}

export interface LineChartProps {
  /** Unique on the page: the ids of the chart's title and description derive from it. */
  id: string;
  title: string;
  desc: string;
  labels: string[];
  series: LineSeries[];
  domain: readonly [number, number];
  formatY: (value: number) => string;
  /** A per-point note for its tooltip, e.g. the sample size. */
  noteOf?: (seriesIndex: number, pointIndex: number) => string;
  width?: number;
  height?: number;
}

const MARGIN = { top: 12, right: 16, bottom: 30, left: 52 };
const LEGEND_ROW = 22;

/**
 * A line chart drawn on the server as inline SVG: no script, readable by a screen reader through
 * its title and description (role img), printable as it is. Each series has its own colour and
 * dash pattern; a period without data leaves a gap; every point has a tooltip title.
 */
export function LineChart(props: LineChartProps) {
  const width = props.width ?? 720;
  const legendRows = Math.ceil(props.series.length / 4);
  const height = (props.height ?? 280) + legendRows * LEGEND_ROW;
  const plotBottom = height - MARGIN.bottom - legendRows * LEGEND_ROW;
  const x = props.labels.length > 1 ? linearScale([0, props.labels.length - 1], [MARGIN.left + 8, width - MARGIN.right - 8]) : () => (MARGIN.left + width - MARGIN.right) / 2;
  const y = linearScale(props.domain, [plotBottom, MARGIN.top]);
  const ticks = niceTicks(props.domain[0], props.domain[1], 4);
  const showLabel = labelEvery(props.labels.length, Math.floor((width - MARGIN.left) / 64));
  const titleId = `${props.id}-title`;
  const descId = `${props.id}-desc`;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${titleId} ${descId}`} xmlns="http://www.w3.org/2000/svg">
      <title id={titleId}>{props.title}</title>
      <desc id={descId}>{props.desc}</desc>
      <g class="axis y" font-size="12" fill="#475467">
        {ticks.map((t) => (
          <g>
            <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(t)} y2={y(t)} stroke="#e4e7ec" />
            <text x={MARGIN.left - 6} y={y(t) + 4} text-anchor="end">
              {props.formatY(t)}
            </text>
          </g>
        ))}
      </g>
      <g class="axis x" font-size="12" fill="#475467">
        <line x1={MARGIN.left} x2={width - MARGIN.right} y1={plotBottom} y2={plotBottom} stroke="#98a2b3" />
        {props.labels.map((label, i) =>
          showLabel(i) ? (
            <text x={x(i)} y={plotBottom + 18} text-anchor="middle">
              {label}
            </text>
          ) : null,
        )}
      </g>
      {props.series.map((s, si) => {
        const colour = seriesColours[si % seriesColours.length];
        const dash = seriesDashes[si % seriesDashes.length];
        return (
          <g class="series" data-series={s.name}>
            {segments(s.values).map((part) => (
              <polyline
                points={part.map((i) => `${x(i).toFixed(1)},${y(s.values[i] as number).toFixed(1)}`).join(' ')}
                fill="none"
                stroke={colour}
                stroke-width="2.5"
                stroke-dasharray={dash || undefined}
                stroke-linejoin="round"
              />
            ))}
            {s.values.map((v, i) =>
              v === null ? null : (
                <circle cx={x(i).toFixed(1)} cy={y(v).toFixed(1)} r="3.5" fill={colour}>
                  <title>{`${s.name} ${props.labels[i]}：${props.formatY(v)}${props.noteOf ? `（${props.noteOf(si, i)}）` : ''}`}</title>
                </circle>
              ),
            )}
          </g>
        );
      })}
      <g class="legend" font-size="13" fill="#1f2329">
        {props.series.map((s, si) => {
          const lx = MARGIN.left + (si % 4) * ((width - MARGIN.left) / 4);
          const ly = height - legendRows * LEGEND_ROW + Math.floor(si / 4) * LEGEND_ROW + 8;
          return (
            <g>
              <line x1={lx} x2={lx + 26} y1={ly} y2={ly} stroke={seriesColours[si % seriesColours.length]} stroke-width="3" stroke-dasharray={seriesDashes[si % seriesDashes.length] || undefined} />
              <text x={lx + 32} y={ly + 4}>
                {s.name}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
