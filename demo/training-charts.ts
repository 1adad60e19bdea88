// The training curves, drawn by uPlot: D's and G's losses, and mean D(x) and D(G(z)) beside the 1/2 line.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { IterationMetrics } from '../src/index';

/** While the pointer is off the chart, the legend shows the latest values (uPlot's own shows '--' there): uPlot
 * refreshes the legend after each setData and when the pointer leaves, and this hook then points it at the last
 * point. On the chart, the legend follows the pointer as usual. */
function showLatest(u: uPlot): void {
  const last = u.data[0].length - 1;
  if (u.cursor.idx == null && last >= 0) u.setLegend({ idx: last }, false); // false: no hook, so no recursion
}

function chart(el: HTMLElement, title: string, series: uPlot.Series[], range?: [number, number]): uPlot {
  const width = Math.max(300, el.clientWidth || 500);
  return new uPlot({
    title, width, height: 220,
    scales: { x: { time: false }, y: range ? { range } : {} },
    axes: [{ label: 'iteration' }, {}],
    series: [{ label: 'iteration' }, ...series],
    hooks: { setLegend: [showLatest] },
  }, [[], ...series.map(() => [])], el);
}

export class TrainingCharts {
  private readonly losses: uPlot;
  private readonly beliefs: uPlot;

  constructor(lossEl: HTMLElement, beliefEl: HTMLElement) {
    this.losses = chart(lossEl, 'losses', [
      { label: 'D loss', stroke: '#c0392b', width: 2 },
      { label: 'G loss', stroke: '#27ae60', width: 2 },
    ]);
    this.beliefs = chart(beliefEl, "the discriminator's beliefs", [
      { label: 'mean D(x)', stroke: '#2e86de', width: 2 },
      { label: 'mean D(G(z))', stroke: '#27ae60', width: 2 },
      { label: '1/2', stroke: '#999', dash: [6, 6], width: 1 },
    ], [0, 1]);
  }

  update(history: IterationMetrics[]): void {
    const x = history.map((m) => m.iteration);
    this.losses.setData([x, history.map((m) => m.dLoss), history.map((m) => m.gLoss)]);
    this.beliefs.setData([x, history.map((m) => m.dReal), history.map((m) => m.dFake), history.map(() => 0.5)]);
  }
}
