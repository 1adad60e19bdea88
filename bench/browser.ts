// `npm run bench:browser [--smoke] [--iterations N] [--trials T] [--rounds R] [--json FILE]`: the engine against TensorFlow.js
// (webgpu, webgl, cpu) in one headless Chromium page on this machine's adapter; prints the table and the ratios.
import { writeFileSync } from 'node:fs';
import { driveBenchPage } from './browser/drive';
import { reportLines } from './browser/report';

const usage = 'use: --smoke, --iterations N, --trials T, --rounds R, --json FILE';
const args = process.argv.slice(2);
const options: { smoke?: boolean; iterations?: number; trials?: number; rounds?: number; json?: string } = {};
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => {
    const v = args[++i];
    if (v === undefined) { console.error(`bench:browser: ${a} needs a value (${usage})`); process.exit(2); }
    return v;
  };
  const count = () => {
    const v = value(), n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 256) { console.error(`bench:browser: ${a} must be an integer in [1, 256], got '${v}'`); process.exit(2); }
    return n;
  };
  if (a === '--smoke') options.smoke = true;
  else if (a === '--iterations') options.iterations = count();
  else if (a === '--trials') options.trials = count();
  else if (a === '--rounds') options.rounds = count();
  else if (a === '--json') options.json = value();
  else { console.error(`bench:browser: unknown argument '${a}' (${usage})`); process.exit(2); }
}

const started = Date.now();
const { result, pageErrors, url } = await driveBenchPage({ ...options, onProgress: (line) => console.log(`  ${line}`) });
console.log(`page: ${url} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
for (const line of reportLines(result)) console.log(line);
if (pageErrors.length) console.log(`\npage errors:\n${pageErrors.join('\n')}`);
if (options.json) {
  writeFileSync(options.json, JSON.stringify(result, null, 2));
  console.log(`wrote ${options.json}`);
}
// a runner that failed makes the command fail too, after printing what did run
process.exit(result.runners.every((r) => r.ok) ? 0 : 1);
