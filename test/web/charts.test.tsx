import { describe, expect, it } from 'vitest';
import { BarChart } from '../../web/charts/bar-chart';
import { LineChart } from '../../web/charts/line-chart';
import { bandScale, labelEvery, linearScale, niceTicks, percent, segments } from '../../web/charts/scale';

const html = (node: unknown) => String(node);

describe('chart scales', () => {
  it('maps a share onto pixels with the y axis pointing up', () => {
    const y = linearScale([0, 1], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(0.25)).toBe(150);
    expect(y(1)).toBe(0);
  });

  it('picks ticks in steps of 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(1, 5, 4)).toEqual([1, 2, 3, 4, 5]);
    expect(niceTicks(0, 130, 5)).toEqual([0, 50, 100]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });

  it('spaces bands evenly with padding between them', () => {
    const band = bandScale(4, [0, 400], 0.5);
    expect(band.width).toBe(50);
    expect(band.start(0)).toBe(25);
    expect(band.centre(3)).toBe(350);
  });

  it('prints shares as percentages and a missing value as a dash', () => {
    expect(percent(0.8571)).toBe('85.7%');
    expect(percent(1, 0)).toBe('100%');
    expect(percent(null)).toBe('—');
  });

  it('thins the x labels of a long axis but keeps the first and the last', () => {
    const shown = Array.from({ length: 53 }, (_, i) => i).filter(labelEvery(53, 10));
    expect(shown[0]).toBe(0);
    expect(shown.at(-1)).toBe(52);
    expect(shown.length).toBeLessThanOrEqual(11);
    expect(Array.from({ length: 12 }, (_, i) => i).filter(labelEvery(12, 12))).toHaveLength(12);
  });

  it('breaks a line where a period has no data', () => {
    expect(segments([0.5, null, 0.7, 0.8, null])).toEqual([[0], [2, 3]]);
    expect(segments([null, null])).toEqual([]);
  });
});

describe('LineChart', () => {
  const chart = html(
    <LineChart
      id="trend"
      title="各开发区满意率趋势"
      desc="2026年9月至11月"
      labels={['2026-09', '2026-10', '2026-11']}
      series={[
        { name: '高新', values: [0.5, null, 1] },
        { name: '北湖', values: [0.75, 0.8, 0.9] },
      ]}
      domain={[0, 1]}
      formatY={(v) => percent(v, 0)}
      noteOf={() => 'n=4'}
    />,
  );

  it('is an SVG image named by its title and description', () => {
    expect(chart).toMatch(/^<svg class="chart" viewBox="0 0 720 \d+"/);
    expect(chart).toContain('role="img"');
    expect(chart).toContain('aria-labelledby="trend-title trend-desc"');
    expect(chart).toContain('<title id="trend-title">各开发区满意率趋势</title>');
    expect(chart).toContain('<desc id="trend-desc">2026年9月至11月</desc>');
  });

  it('draws one line per unbroken run of data, a point with a tooltip per value, and a legend', () => {
    expect(chart.match(/<polyline/g)).toHaveLength(3); // 高新 broken in October, 北湖 whole
    expect(chart.match(/<circle/g)).toHaveLength(5);
    expect(chart).toContain('<title>高新 2026-11：100%（n=4）</title>');
    expect(chart).toContain('>北湖</text>');
    for (const tick of ['0%', '25%', '100%']) expect(chart).toContain(`>${tick}</text>`);
    expect(chart).not.toContain('<script');
  });
});

describe('BarChart', () => {
  it('draws a bar and a whisker for each value, the number as text, and says so when there is no data', () => {
    const chart = html(
      <BarChart
        id="zones"
        title="各开发区满意率"
        desc="含95%置信区间"
        bars={[
          { label: '高新技术产业开发区', value: 0.8, lower: 0.6, upper: 0.9, note: 'n=20', highlight: true },
          { label: '北湖科技开发区', value: null, note: 'n=0' },
        ]}
        domain={[0, 1]}
        format={(v) => percent(v)}
        width={700}
      />,
    );
    expect(chart).toContain('aria-labelledby="zones-title zones-desc"');
    expect(chart.match(/<rect/g)).toHaveLength(1);
    // 700 wide: bars run from x=180 to x=550, so 80% ends at 180 + 0.8 * 370 = 476.
    expect(chart).toContain('width="296.0"');
    expect(chart).toContain('80.0% · n=20');
    expect(chart).toContain('无数据 · n=0');
    expect(chart).toContain('font-weight="700"');
  });
});
