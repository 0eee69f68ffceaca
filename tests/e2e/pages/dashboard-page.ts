/** 工作台, by what a coordinator reads: tile names, the scope picker, chart titles. */
import type { Locator, Page } from 'playwright-core';

export class DashboardPage {
  constructor(private readonly page: Page) {}
  async waitFor(): Promise<void> {
    await this.page.getByRole('heading', { name: '工作台', exact: true }).waitFor();
    await this.page.getByRole('region', { name: '今天要办' }).waitFor();
  }
  /** A tile by its name (e.g. 逾期未监测). */
  tile(name: string): Locator {
    return this.page.locator('.dash-tile').filter({ has: this.page.locator('.dash-tile-label', { hasText: name }) });
  }
  /** The big figure of a tile as shown: a number, or 无. */
  async figure(name: string): Promise<string> {
    return ((await this.tile(name).locator('.dash-tile-value').textContent()) ?? '').trim();
  }
  async open(name: string): Promise<void> {
    await this.tile(name).locator('a.dash-tile-main').click();
  }
  async scope(community: string): Promise<void> {
    await this.page.getByLabel('查看范围').selectOption({ label: community });
  }
  chart(title: string): Locator {
    return this.page.getByRole('region', { name: title });
  }
  bars(title: string): Locator {
    return this.chart(title).locator('.recharts-bar-rectangle');
  }
  /**
   * A chart's names along its foot that a reader cannot read: two neighbours whose slanted text boxes cross, or a
   * name running past the chart's edge. Each name's line (its em square, as drawn, rotation included) is tested for
   * overlap with the next along the axis by separating axes.
   */
  async axisNameClashes(title: string): Promise<string[]> {
    return this.chart(title).evaluate((chart) => {
      const names = Array.from(chart.querySelectorAll('.recharts-xAxis-tick-labels text.recharts-cartesian-axis-tick-value')) as SVGTextElement[];
      if (names.length === 0) return ['no names along the foot'];
      const svg = names[0]!.ownerSVGElement!;
      const corners = (t: SVGTextElement) => {
        // The em square of the line, centred in its box: what CJK glyphs fill (the box itself adds the line's leading).
        const box = t.getBBox();
        const em = parseFloat(getComputedStyle(t).fontSize);
        const b = { x: box.x, width: box.width, y: box.y + (box.height - em) / 2, height: em };
        const m = t.getCTM()!;
        const toSvg = svg.getCTM()!.inverse().multiply(m);
        return [
          [b.x, b.y],
          [b.x + b.width, b.y],
          [b.x + b.width, b.y + b.height],
          [b.x, b.y + b.height],
        ].map(([x, y]) => new DOMPoint(x, y).matrixTransform(toSvg));
      };
      const apart = (a: DOMPoint[], b: DOMPoint[]) =>
        [a, b].some((poly) =>
          poly.some((p, i) => {
            const q = poly[(i + 1) % poly.length]!;
            const [nx, ny] = [q.y - p.y, p.x - q.x];
            const project = (pts: DOMPoint[]) => pts.map((r) => r.x * nx + r.y * ny);
            const [pa, pb] = [project(a), project(b)];
            return Math.max(...pa) <= Math.min(...pb) + 0.5 || Math.max(...pb) <= Math.min(...pa) + 0.5;
          }),
        );
      const boxes = names.map(corners);
      const { width, height } = svg.getBoundingClientRect();
      const problems: string[] = [];
      boxes.forEach((box, i) => {
        if (box.some((p) => p.x < -0.5 || p.y > height + 0.5 || p.x > width + 0.5)) problems.push(`「${names[i]!.textContent}」 runs past the chart`);
        const next = boxes[i + 1];
        if (next && !apart(box, next)) problems.push(`「${names[i]!.textContent}」 and 「${names[i + 1]!.textContent}」 overlap`);
      });
      return problems;
    });
  }
  async hash(): Promise<string> {
    return decodeURIComponent(await this.page.evaluate(() => window.location.hash));
  }
}
