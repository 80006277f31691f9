import { linearScale, niceTicks } from './scale';

export interface Bar {
  label: string;
  /** null: no data; the row shows its note instead of a bar. */
  value: number | null;
  /** An interval to draw as a whisker over the bar (e.g. the 95% Wilson interval). */
  lower?: number | null;
  upper?: number | null;
  /** Printed after the value, e.g. `n=23`. */
  note?: string;
  /** Drawn stronger, e.g. the zone the filter picked. */
  highlight?: boolean;
}

export interface BarChartProps {
  id: string;
  title: string;
  desc: string;
  bars: Bar[];
  domain: readonly [number, number];
  format: (value: number) => string;
  width?: number;
}

const ROW = 34;
const LABEL_WIDTH = 180;
const VALUE_WIDTH = 150;
const TOP = 8;
const AXIS = 24;

/**
 * A horizontal bar chart drawn on the server as inline SVG (role img with a title and a
 * description): one row per bar with its label, the bar, an interval whisker when given, and the
 * value with its note printed as text, so the numbers read without hovering and on paper.
 */
export function BarChart(props: BarChartProps) {
  const width = props.width ?? 720;
  const height = TOP + props.bars.length * ROW + AXIS;
  const x = linearScale(props.domain, [LABEL_WIDTH, width - VALUE_WIDTH]);
  const ticks = niceTicks(props.domain[0], props.domain[1], 4);
  const axisY = TOP + props.bars.length * ROW;
  const titleId = `${props.id}-title`;
  const descId = `${props.id}-desc`;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${titleId} ${descId}`} xmlns="http://www.w3.org/2000/svg">
      <title id={titleId}>{props.title}</title>
      <desc id={descId}>{props.desc}</desc>
      <g class="axis" font-size="12" fill="#475467">
        {ticks.map((t) => (
          <g>
            <line x1={x(t)} x2={x(t)} y1={TOP} y2={axisY} stroke="#e4e7ec" />
            <text x={x(t)} y={axisY + 16} text-anchor="middle">
              {props.format(t)}
            </text>
          </g>
        ))}
      </g>
      {props.bars.map((bar, i) => {
        const top = TOP + i * ROW + 6;
        const h = ROW - 12;
        const mid = top + h / 2;
        const value = bar.value;
        const end = value === null ? LABEL_WIDTH : x(value);
        return (
          <g class="bar" data-label={bar.label}>
            <text x={LABEL_WIDTH - 8} y={mid + 5} text-anchor="end" font-size="14" font-weight={bar.highlight ? '700' : '400'} fill="#1f2329">
              {bar.label}
            </text>
            {value === null ? null : <rect x={LABEL_WIDTH} y={top} width={Math.max(0, end - LABEL_WIDTH).toFixed(1)} height={h} rx="3" fill={bar.highlight ? '#0b4fbf' : '#5b8def'} />}
            {bar.lower !== null && bar.lower !== undefined && bar.upper !== null && bar.upper !== undefined ? (
              <g stroke="#1f2329" stroke-width="1.5">
                <line x1={x(bar.lower).toFixed(1)} x2={x(bar.upper).toFixed(1)} y1={mid} y2={mid} />
                <line x1={x(bar.lower).toFixed(1)} x2={x(bar.lower).toFixed(1)} y1={mid - 5} y2={mid + 5} />
                <line x1={x(bar.upper).toFixed(1)} x2={x(bar.upper).toFixed(1)} y1={mid - 5} y2={mid + 5} />
              </g>
            ) : null}
            <text x={width - VALUE_WIDTH + 8} y={mid + 5} font-size="13" fill="#1f2329">
              {`${value === null ? '无数据' : props.format(value)}${bar.note ? ` · ${bar.note}` : ''}`}
            </text>
          </g>
        );
      })}
      <line x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={TOP} y2={axisY} stroke="#98a2b3" />
    </svg>
  );
}
