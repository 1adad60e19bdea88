// The benchmark page: the engine, then TF.js on webgpu, webgl and cpu, one after another (in rounds), training the
// same GAN on the same data. The result goes on window.benchResult (JSON) and into a table; a runner that fails is
// reported with its reason and the others still run. A page-level failure (a bad query) goes on window.benchError.
import { median } from '../timing';
import { runEngine } from './engine';
import { COLUMNS, reportLines, tableRows } from './report';
import { describeSpec, makeDataset, ratios, RUNNERS, specFromQuery, type BenchResult, type RunnerName, type RunnerResult } from './spec';
import { runTfjs, tfjsVersion, type TfjsBackend } from './tfjs';
import { summarize } from './time';

declare global {
  interface Window { benchResult?: BenchResult; benchError?: string }
}

const status = document.getElementById('status')!;
const say = (line: string) => {
  status.textContent = line;
  console.log(`bench: ${line}`); // the Node driver echoes the page's console, so a long run shows its progress
};

/** The renderer WebGL reports (unmasked where the browser allows), from a context made and lost just for this. */
function webglRenderer(): string | undefined {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return undefined;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return renderer;
}

function render(result: BenchResult): void {
  const table = document.getElementById('table') as HTMLTableElement;
  const head = table.createTHead().insertRow();
  for (const c of COLUMNS) head.appendChild(document.createElement('th')).textContent = c;
  const body = table.createTBody();
  for (const row of tableRows(result)) {
    const tr = body.insertRow();
    for (const cell of row) tr.insertCell().textContent = cell;
  }
  document.getElementById('report')!.textContent = reportLines(result).join('\n');
}

/** What a runner's rounds add up to. */
interface Collected {
  trialsMs: number[];
  finalGLoss: number;
  floatPrecision: number;
  tensorGrowth?: number;
  error?: string;
}

async function main(): Promise<void> {
  const spec = specFromQuery(new URLSearchParams(location.search));
  const rows = makeDataset(spec);
  const adapter: BenchResult['adapter'] = { webglRenderer: webglRenderer() };
  const collected = new Map<RunnerName, Collected>(RUNNERS.map((r) => [r, { trialsMs: [], finalGLoss: NaN, floatPrecision: 32 }]));
  for (let round = 1; round <= spec.rounds; round++) {
    for (const runner of RUNNERS) {
      const c = collected.get(runner)!;
      if (c.error) continue; // failed in an earlier round: reported with that reason
      say(`round ${round}/${spec.rounds}: running ${runner} (a warm-up batch, then ${spec.trials} of ${spec.iterations} iterations)...`);
      try {
        const r = runner === 'engine' ? await runEngine(spec, rows) : await runTfjs(runner.slice('tfjs-'.length) as TfjsBackend, spec, rows);
        if (r.adapter) adapter[runner === 'engine' ? 'engine' : 'tfjsWebgpu'] = r.adapter;
        c.trialsMs.push(...r.trialsMs);
        c.finalGLoss = r.finalGLoss;
        c.floatPrecision = Math.min(c.floatPrecision, r.floatPrecision);
        if ('tensorGrowth' in r) c.tensorGrowth = Math.max(c.tensorGrowth ?? -Infinity, r.tensorGrowth);
        say(`round ${round}: ${runner} ${median(r.trialsMs).toFixed(1)} ms / iteration`);
      } catch (e) {
        c.error = String((e as Error)?.message ?? e);
        say(`${runner} failed: ${c.error}`);
      }
    }
  }
  const runners: RunnerResult[] = RUNNERS.map((runner) => {
    const { error, trialsMs, ...rest } = collected.get(runner)!;
    return error !== undefined ? { runner, ok: false, error } : { runner, ok: true, trialsMs, ...summarize(spec, trialsMs), ...rest };
  });
  const result: BenchResult = {
    mode: spec.mode, date: new Date().toISOString(), userAgent: navigator.userAgent, adapter, tfjsVersion,
    spec: describeSpec(spec), runners, ...ratios(runners), done: true,
  };
  render(result);
  say('done');
  window.benchResult = result;
}

main().catch((e) => {
  window.benchError = String((e as Error)?.message ?? e);
  say(`failed: ${window.benchError}`);
});
