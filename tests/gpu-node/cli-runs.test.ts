// The CLI never loses a run, tried as processes: a second train into a folder that holds a run is refused unless
// --resume or --overwrite; Ctrl-C mid-run writes a checkpoint of the last finished iteration and exits 130, and that
// checkpoint resumes exactly (interrupted + resumed equals one straight run, bit for bit); a run that diverges writes
// its last finite state, exits 1 and says how to resume; exploding but finite losses are warned about.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ring8 } from '../../src/data/toy';
import { readCheckpoint } from '../../src/io/checkpoint';
import { decodeSafetensors } from '../../src/io/safetensors';
import { requestNodeDevice } from '../../src/node/device';
import { Gan } from '../../src/train/gan';
import { WAIT_MS } from '../support/timeouts';

const built = resolve(`.build/cli-runs-test-${process.pid}`);
const work = mkdtempSync(join(tmpdir(), 'webgpu-gan-cli-runs-'));
const cliJs = join(built, 'cli-main.js');
const TINY = ['--dataset', 'ring8', '--batch', '16'];

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cliJs, ...args], { cwd: work, encoding: 'utf8', timeout: WAIT_MS });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const checkpointOf = (folder: string) => decodeSafetensors(readFileSync(join(work, folder, 'checkpoint.safetensors')));
const weights = (folder: string) => Array.from(checkpointOf(folder).tensors.get('generator.l1.weight')!.data);

/** Starts a long run, sends `signal` once `when` matches its stderr, and resolves with how it ended. */
function interrupt(args: string[], when: RegExp, signal: NodeJS.Signals = 'SIGINT'): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cliJs, ...args], { cwd: work });
    let stderr = '';
    let sent = false;
    const guard = setTimeout(() => { child.kill('SIGKILL'); fail(new Error(`no exit; stderr: ${stderr}`)); }, WAIT_MS);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && when.test(stderr)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('exit', (code) => { clearTimeout(guard); done({ code, stderr }); });
  });
}

describe('runs the CLI never loses', () => {
  beforeAll(async () => {
    await build({ root: resolve('.'), logLevel: 'error', build: { ssr: 'src/node/cli-main.ts', outDir: built, emptyOutDir: true } });
  });
  afterAll(() => rmSync(built, { recursive: true, force: true }));

  it('refuses to train over a run unless --overwrite or --resume, and resumes from the checkpoint', () => {
    expect(run(['train', ...TINY, '--iterations', '4', '--out', 'kept']).code).toBe(0);
    const before = readFileSync(join(work, 'kept', 'checkpoint.safetensors'));
    const again = run(['train', ...TINY, '--iterations', '4', '--out', 'kept']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/kept already holds a run \(checkpoint.safetensors\): --resume to continue it, --overwrite to replace it/);
    expect(readFileSync(join(work, 'kept', 'checkpoint.safetensors'))).toEqual(before); // untouched
    const resumed = run(['train', ...TINY.slice(0, 2), '--iterations', '3', '--out', 'kept', '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(checkpointOf('kept').metadata.iterations).toBe('7');
    expect(readFileSync(join(work, 'kept', 'metrics.csv'), 'utf8').trim().split('\n')).toHaveLength(8);
    // replaced, by a run whose Adam at lr 10 makes the losses explode while they stay finite: a warning, exit 0
    const replaced = run(['train', ...TINY, '--iterations', '60', '--lr', '10', '--out', 'kept', '--overwrite']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(checkpointOf('kept').metadata.iterations).toBe('60');
    expect(replaced.stderr).toMatch(/warning: the losses exploded \(D .*, G .* at iteration \d+\).*try a smaller --lr/);
    expect(run(['train', ...TINY, '--out', 'nothing-here', '--resume']).stderr).toMatch(/--resume: nothing-here holds no run/);
    // no temporary file is left behind
    expect(readFileSync(join(work, 'kept', 'metrics.csv'), 'utf8')).toContain('iteration,d_loss');
    expect(existsSync(join(work, 'kept', `checkpoint.safetensors.${process.pid}.partial`))).toBe(false);
  });

  it('on SIGINT writes the last finished iteration and exits 130; resuming it equals one straight run', async () => {
    const stopped = await interrupt(['train', ...TINY, '--iterations', '1000000', '--out', 'interrupted'], /\] [1-9]\d*\/1000000 /);
    expect(stopped.code, stopped.stderr).toBe(130);
    const m = /interrupted: iteration (\d+) is saved in .*checkpoint.safetensors; resume with: webgpu-gan train --dataset ring8 --out interrupted --resume/.exec(stopped.stderr);
    expect(m, stopped.stderr).not.toBeNull();
    const done = Number(m![1]);
    expect(checkpointOf('interrupted').metadata.iterations).toBe(String(done));
    expect(readFileSync(join(work, 'interrupted', 'metrics.csv'), 'utf8').trim().split('\n')).toHaveLength(done + 1);
    const resumed = run(['train', '--dataset', 'ring8', '--iterations', '5', '--out', 'interrupted', '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    // one straight run of done + 5 iterations of the same config on the same data, here in the test's process
    const { device } = await requestNodeDevice();
    const config = JSON.parse(checkpointOf('interrupted').metadata.config);
    const straight = await Gan.create(device, config, { rows: ring8(10_000, 1).rows, dims: 2 });
    await straight.train(done + 5, { chunk: 100 });
    const l1 = straight.generator.layout.tensors.find((t) => t.name === 'l1.weight')!;
    const flat = (await straight.parameters()).generator;
    expect(weights('interrupted')).toEqual(Array.from(flat.subarray(l1.offset, l1.offset + l1.size)));
    straight.destroy();
    device.destroy();
  });

  it('writes --checkpoint-every N as it trains: a run killed outright (SIGKILL) still has one', async () => {
    const killed = await interrupt(['train', ...TINY, '--iterations', '1000000', '--checkpoint-every', '3', '--out', 'periodic'],
      /\] (?:[4-9]|\d{2,})\/1000000 /, 'SIGKILL');
    expect(killed.code).toBeNull(); // killed, so it wrote nothing on the way out
    const saved = Number(checkpointOf('periodic').metadata.iterations);
    expect(saved).toBeGreaterThanOrEqual(3);
    expect(saved % 3).toBe(0);
  });

  it('on a divergence writes the last finite state, exits 1 and says how to resume with a lower rate', async () => {
    const diverging = JSON.parse(readFileSync(resolve('examples/configs/ring8-paper.json'), 'utf8'));
    diverging.optimizers = { generator: { type: 'sgd', lr: 0.2, momentum: 0.9 }, discriminator: { type: 'sgd', lr: 0.2, momentum: 0.9 } };
    diverging.schedule = undefined;
    writeFileSync(join(work, 'diverging.json'), JSON.stringify(diverging));
    const r = run(['train', '--config', 'diverging.json', '--batch', '32', '--iterations', '2000', '--checkpoint-every', '4', '--out', 'diverged']);
    expect(r.code, r.stderr).toBe(1);
    const m = /the last finite state, iteration (\d+), is saved in .*; resume with: .*--resume --iterations N --lr SMALLER/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    expect(r.stderr).toMatch(/training diverged/);
    const { tensors, metadata } = checkpointOf('diverged');
    expect(metadata.iterations).toBe(m![1]);
    // the last finite state is the newest periodic checkpoint's, never an older snapshot written over it
    expect(Number(m![1]) % 4).toBe(0);
    expect(Number(m![1])).toBeGreaterThan(0);
    expect([...tensors.values()].every((t) => t.dtype !== 'F32' || Array.from(t.data).every(Number.isFinite))).toBe(true);
    // a whole, finite checkpoint that --resume can start from (the resuming itself is tried above)
    const read = await readCheckpoint(readFileSync(join(work, 'diverged', 'checkpoint.safetensors')));
    expect(read.state.iterations).toBe(Number(m![1]));
  });
});
