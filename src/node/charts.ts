// The CLI's figures, drawn on a Raster: training curves (curves.png) and samples against the data (samples.png: a
// scatter for 2-D sets, a histogram for 1-D). Kept to what a reader of a GAN run needs: axes with numbers, a legend,
// titles, and the data's modes, so a figure can be read without the CSV beside it.
import { BLACK, Raster, type Rgb } from './raster.js';

// matplotlib's first colours, which readers know: blue for the data / D, orange for G
const BLUE: Rgb = [31, 119, 180], ORANGE: Rgb = [255, 127, 14], GREEN: Rgb = [44, 160, 44], RED: Rgb = [214, 39, 40];
const GRID: Rgb = [232, 232, 232], AXIS: Rgb = [90, 90, 90], TEXT: Rgb = [30, 30, 30], MUTED: Rgb = [120, 120, 120];

/** A plot area in pixels and the data range it shows. */
interface Frame { x: number; y: number; w: number; h: number; xlo: number; xhi: number; ylo: number; yhi: number }
const px = (f: Frame, v: number) => f.x + ((v - f.xlo) / (f.xhi - f.xlo)) * (f.w - 1);
const py = (f: Frame, v: number) => f.y + f.h - 1 - ((v - f.ylo) / (f.yhi - f.ylo)) * (f.h - 1);

/** A range widened to whole steps of 1, 2 or 5 x 10^k, about `target` of them, so tick labels are round numbers. */
export function niceRange(lo: number, hi: number, target = 5): { lo: number; hi: number; step: number } {
  if (!(hi > lo)) { const pad = Math.abs(lo) * 0.1 || 1; lo -= pad; hi += pad; }
  const raw = (hi - lo) / target, mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw * 0.999)!;
  return { lo: Math.floor(lo / step + 1e-9) * step, hi: Math.ceil(hi / step - 1e-9) * step, step };
}

/** "2.5M" and "40k" for iteration counts (a 10-million-iteration axis would otherwise need 8 digits a tick). */
export function tickLabel(v: number, step: number, maxAbs: number): string {
  const [unit, suffix] = maxAbs >= 1e6 ? [1e6, 'M'] : maxAbs >= 1e4 ? [1e3, 'k'] : [1, ''];
  // as many decimals as the step needs (0.25 needs two), so neighbouring ticks never print alike
  let decimals = 0;
  while (decimals < 6 && Math.abs(Math.round((step / unit) * 10 ** decimals) - (step / unit) * 10 ** decimals) > 1e-6) decimals++;
  let s = (v / unit).toFixed(decimals);
  if (suffix && s.includes('.')) s = s.replace(/\.?0+$/, '');
  if (/^-?0(\.0*)?$/.test(s)) return suffix ? '0' : s.replace('-', ''); // 0, not 0M or -0.0
  return s + suffix;
}

interface LegendEntry { label: string; color: Rgb; kind: 'line' | 'dash' | 'dot' | 'ring' | 'box' }

/** One row of swatches and labels ending at `right`: charts put it in the title row, outside the data. */
function legend(r: Raster, right: number, y: number, entries: LegendEntry[]): void {
  const widths = entries.map((e) => 22 + r.textWidth(e.label));
  let x = right - widths.reduce((a, b) => a + b, 0) - 12 * (entries.length - 1);
  entries.forEach((e, i) => {
    const cy = y + 3;
    if (e.kind === 'line') r.line(x, cy, x + 15, cy, e.color, { thickness: 2 });
    else if (e.kind === 'dash') r.line(x, cy, x + 15, cy, e.color, { dash: [4, 3] });
    else if (e.kind === 'dot') r.disc(x + 8, cy, 2.5, e.color);
    else if (e.kind === 'ring') r.ring(x + 8, cy, 5, e.color);
    else r.fillRect(x + 2, cy - 4, 12, 9, e.color, 0.5);
    r.text(e.label, x + 22, y, TEXT);
    x += widths[i] + 12;
  });
}

interface AxesText { title: string; xlabel: string; ylabel: string; xstep: number; ystep: number; legend: LegendEntry[] }

/** Grid, frame, ticks with numbers, axis labels, title and legend around the plot area `f`. */
function axes(r: Raster, f: Frame, t: AxesText): void {
  const xs: number[] = [], ys: number[] = [];
  for (let v = Math.ceil(f.xlo / t.xstep - 1e-9) * t.xstep; v <= f.xhi + t.xstep * 1e-9; v += t.xstep) xs.push(v);
  for (let v = Math.ceil(f.ylo / t.ystep - 1e-9) * t.ystep; v <= f.yhi + t.ystep * 1e-9; v += t.ystep) ys.push(v);
  const xmax = Math.max(Math.abs(f.xlo), Math.abs(f.xhi)), ymax = Math.max(Math.abs(f.ylo), Math.abs(f.yhi));
  for (const v of xs) {
    r.line(px(f, v), f.y, px(f, v), f.y + f.h - 1, GRID);
    r.line(px(f, v), f.y + f.h, px(f, v), f.y + f.h + 3, AXIS);
    r.text(tickLabel(v, t.xstep, xmax), px(f, v), f.y + f.h + 7, TEXT, { align: 'center' });
  }
  let labelWidth = 0;
  for (const v of ys) {
    const s = tickLabel(v, t.ystep, ymax);
    labelWidth = Math.max(labelWidth, r.textWidth(s));
    r.line(f.x, py(f, v), f.x + f.w - 1, py(f, v), GRID);
    r.line(f.x - 4, py(f, v), f.x - 1, py(f, v), AXIS);
    r.text(s, f.x - 7, py(f, v) - 3, TEXT, { align: 'right' });
  }
  r.strokeRect(f.x - 1, f.y - 1, f.w + 2, f.h + 2, AXIS);
  r.text(t.xlabel, f.x + f.w / 2, f.y + f.h + 20, TEXT, { align: 'center' });
  r.text(t.ylabel, f.x - labelWidth - 20, f.y + f.h / 2, TEXT, { align: 'center', vertical: true });
  r.text(t.title, f.x, f.y - 34, TEXT, { scale: 2 });
  legend(r, f.x + f.w, f.y - 14, t.legend);
}

export interface CurvePoint { iteration: number; dLoss: number; gLoss: number; dReal: number; dFake: number }

const SERIES = ['dLoss', 'gLoss', 'dReal', 'dFake'] as const;

/** Per pixel column and series: min, max and mean of the finite values whose iteration falls in the column, so a
 * noisy loss reads as a band (its spread) around a line (its trend). One pass over the history, with the column
 * found once a point and the fields read by name (fast property access): 10 million iterations take about a second. */
export function bucket(points: readonly CurvePoint[], xlo: number, xhi: number, columns: number) {
  const acc = SERIES.map(() => ({
    min: new Float64Array(columns).fill(Infinity), max: new Float64Array(columns).fill(-Infinity),
    mean: new Float64Array(columns), count: new Uint32Array(columns),
  }));
  const add = (s: (typeof acc)[number], c: number, v: number) => {
    if (!Number.isFinite(v)) return;
    if (v < s.min[c]) s.min[c] = v;
    if (v > s.max[c]) s.max[c] = v;
    s.mean[c] += v;
    s.count[c]++;
  };
  const perColumn = columns / (xhi - xlo);
  for (const p of points) {
    const c = Math.min(columns - 1, Math.max(0, Math.floor((p.iteration - xlo) * perColumn)));
    add(acc[0], c, p.dLoss); add(acc[1], c, p.gLoss); add(acc[2], c, p.dReal); add(acc[3], c, p.dFake);
  }
  for (const s of acc) for (let c = 0; c < columns; c++) if (s.count[c]) s.mean[c] /= s.count[c];
  return { dLoss: acc[0], gLoss: acc[1], dReal: acc[2], dFake: acc[3] };
}
type Columns = ReturnType<typeof bucket>['dLoss'];

function drawSeries(r: Raster, f: Frame, cols: Columns, color: Rgb): void {
  r.setClip(f.x, f.y, f.w, f.h);
  let last = -1, nonEmpty = 0;
  for (let c = 0; c < cols.count.length; c++) {
    if (!cols.count[c]) continue;
    nonEmpty++;
    if (cols.max[c] > cols.min[c]) r.line(f.x + c, py(f, cols.min[c]), f.x + c, py(f, cols.max[c]), color, { alpha: 0.25 });
    if (last >= 0) r.line(f.x + last, py(f, cols.mean[last]), f.x + c, py(f, cols.mean[c]), color, { thickness: 2 });
    last = c;
  }
  if (nonEmpty === 1) r.disc(f.x + last, py(f, cols.mean[last]), 2.5, color);
  r.unclip();
}

/** curves.png: D and G losses (top), mean D(x) and D(G(z)) with the equilibrium's 1/2 (bottom), over iterations. */
export function curvesChart(history: readonly CurvePoint[], width = 800, height = 640): Raster {
  const r = new Raster(width, height);
  const xlo = history.length ? history[0].iteration - 1 : 0, xhi = Math.max(xlo + 1, history.at(-1)?.iteration ?? 1);
  const w = width - 84, ph = height / 2, h = ph - 92;
  const x = niceRange(xlo, xhi, 8);
  x.step = Math.max(1, x.step); // iterations are whole numbers
  const { dLoss, gLoss, dReal, dFake } = bucket(history, xlo, xhi, w);
  // the losses' range follows their trend lines, plus half that span for the spread: one early spike must not
  // flatten the rest of the run; the band is clipped at the frame where it runs further
  let mlo = Infinity, mhi = -Infinity, alo = Infinity, ahi = -Infinity;
  for (const s of [dLoss, gLoss]) for (let c = 0; c < w; c++) if (s.count[c]) {
    mlo = Math.min(mlo, s.mean[c]); mhi = Math.max(mhi, s.mean[c]); alo = Math.min(alo, s.min[c]); ahi = Math.max(ahi, s.max[c]);
  }
  if (!(mhi >= mlo)) { mlo = alo = 0; mhi = ahi = 1; }
  const pad = Math.max(0.5 * (mhi - mlo), 0.05 * Math.abs(mhi));
  const y = niceRange(alo >= 0 ? 0 : Math.max(alo, mlo - pad), Math.min(ahi, mhi + pad), 5);
  const span = xhi - xlo, perColumn = span / w;
  const note = perColumn > 1.5 ? ` (line: mean, band: min to max, of each ${Math.round(perColumn).toLocaleString('en-US')} iterations)` : '';
  const top: Frame = { x: 64, y: 42, w, h, xlo, xhi, ylo: y.lo, yhi: y.hi };
  const bottom: Frame = { ...top, y: ph + 42, ylo: 0, yhi: 1 };
  axes(r, top, { title: 'Losses', xlabel: `iteration${note}`, ylabel: 'loss', xstep: x.step, ystep: y.step,
    legend: [{ label: 'D loss', color: BLUE, kind: 'line' }, { label: 'G loss', color: ORANGE, kind: 'line' }] });
  axes(r, bottom, { title: 'Discriminator outputs', xlabel: `iteration${note}`, ylabel: 'mean D', xstep: x.step, ystep: 0.25,
    legend: [{ label: 'D(x), real', color: GREEN, kind: 'line' }, { label: 'D(G(z)), generated', color: RED, kind: 'line' },
      { label: '1/2 (equilibrium)', color: MUTED, kind: 'dash' }] });
  // D = 1/2 everywhere is the optimum of Goodfellow et al.'s game once p_g = p_data (Proposition 1)
  r.line(bottom.x, py(bottom, 0.5), bottom.x + w - 1, py(bottom, 0.5), MUTED, { dash: [6, 4] });
  drawSeries(r, top, dLoss, BLUE); drawSeries(r, top, gLoss, ORANGE);
  drawSeries(r, bottom, dReal, GREEN); drawSeries(r, bottom, dFake, RED);
  if (!history.length) r.text('no iterations recorded', 64 + w / 2, 42 + h / 2, MUTED, { align: 'center' });
  return r;
}

export interface SampleChartOptions { modes?: number[][]; modeStd?: number; title?: string }

/** samples.png for 2-D data: real points and G's samples over [lo, hi]^2 (equal scales, so a ring stays round),
 * with a ring at each mode of radius 3 std (what the CLI's mode-coverage count calls a hit), at least 5 pixels. */
export function scatterChart(real: ArrayLike<number>, samples: ArrayLike<number>, lo: number, hi: number, options: SampleChartOptions = {}, size = 512): Raster {
  const r = new Raster(size, size);
  const side = size - 82;
  const f: Frame = { x: 58, y: 46, w: side, h: side - 10, xlo: lo, xhi: hi, ylo: lo, yhi: hi };
  f.w = f.h; // square plot area
  const t = niceRange(lo, hi, 6);
  axes(r, f, { title: options.title ?? 'samples', xlabel: 'x1', ylabel: 'x2', xstep: t.step, ystep: t.step, legend: [
    { label: 'real', color: BLUE, kind: 'dot' }, { label: 'G(z)', color: ORANGE, kind: 'dot' },
    ...(options.modes ? [{ label: 'modes', color: BLACK, kind: 'ring' as const }] : []),
  ] });
  r.setClip(f.x, f.y, f.w, f.h);
  for (let i = 0; i + 1 < real.length; i += 2) r.disc(px(f, real[i]), py(f, real[i + 1]), 1.5, BLUE, 0.5);
  for (let i = 0; i + 1 < samples.length; i += 2) r.disc(px(f, samples[i]), py(f, samples[i + 1]), 1.5, ORANGE, 0.6);
  const radius = Math.max(5, (3 * (options.modeStd ?? 0) * (f.w - 1)) / (hi - lo));
  for (const m of options.modes ?? []) r.ring(px(f, m[0]), py(f, m[1]), radius, BLACK);
  r.unclip();
  return r;
}

/** samples.png for 1-D data: histograms (as densities, so different counts compare) of real values and G's samples,
 * and the data's density, an equal-weight mixture of Gaussians at `modes`, as a line. */
export function histogramChart(real: ArrayLike<number>, samples: ArrayLike<number>, options: SampleChartOptions = {}, width = 640, height = 420, bins = 60): Raster {
  const r = new Raster(width, height);
  // the range holds 99% of all values and the modes' 3-std spread: a few wild samples must not squash the rest
  const all = Float64Array.from([...Array.from(real), ...Array.from(samples)].filter(Number.isFinite)).sort();
  const q = (p: number) => all.length ? all[Math.min(all.length - 1, Math.floor(p * all.length))] : 0;
  const s3 = 3 * (options.modeStd ?? 0), ms = (options.modes ?? []).map((m) => m[0]);
  const x = niceRange(Math.min(q(0.005), ...ms.map((m) => m - s3)), Math.max(q(0.995), ...ms.map((m) => m + s3)), 8);
  const binWidth = (x.hi - x.lo) / bins;
  const density = (v: ArrayLike<number>) => {
    const h = new Float64Array(bins);
    for (let i = 0; i < v.length; i++) {
      const b = Math.floor((v[i] - x.lo) / binWidth);
      if (b >= 0 && b < bins) h[b]++;
    }
    return h.map((c) => c / Math.max(1, v.length) / binWidth);
  };
  const hr = density(real), hs = density(samples);
  const pdata = (v: number) => ms.reduce((a, m) => a + Math.exp(-0.5 * ((v - m) / options.modeStd!) ** 2), 0) /
    (ms.length * options.modeStd! * Math.sqrt(2 * Math.PI));
  const peak = Math.max(...hr, ...hs, ...(options.modeStd ? ms.map(pdata) : [0]));
  const y = niceRange(0, peak * 1.05 || 1, 5);
  const f: Frame = { x: 64, y: 46, w: width - 84, h: height - 96, xlo: x.lo, xhi: x.hi, ylo: 0, yhi: y.hi };
  axes(r, f, { title: options.title ?? 'samples', xlabel: 'x', ylabel: 'density', xstep: x.step, ystep: y.step, legend: [
    { label: 'real', color: BLUE, kind: 'box' }, { label: 'G(z)', color: ORANGE, kind: 'box' },
    ...(options.modeStd ? [{ label: 'p_data', color: BLACK, kind: 'line' as const }] : []),
  ] });
  r.setClip(f.x, f.y, f.w, f.h);
  for (const [h, color] of [[hr, BLUE], [hs, ORANGE]] as const) {
    h.forEach((d, b) => {
      if (!d) return;
      const x0 = Math.round(px(f, x.lo + b * binWidth)), x1 = Math.round(px(f, x.lo + (b + 1) * binWidth));
      r.fillRect(x0, py(f, d), x1 - x0, f.y + f.h - py(f, d), color, 0.45);
    });
  }
  if (options.modeStd) {
    let prev = pdata(x.lo);
    for (let c = 1; c < f.w; c++) {
      const v = pdata(x.lo + (c / (f.w - 1)) * (x.hi - x.lo));
      r.line(f.x + c - 1, py(f, prev), f.x + c, py(f, v), BLACK, { thickness: 2 });
      prev = v;
    }
  }
  r.unclip();
  return r;
}
