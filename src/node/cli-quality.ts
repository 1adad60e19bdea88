// `train --quality-every N` on MNIST: every N iterations, FID and the class histogram of 2000 of G's samples against
// 2000 training digits drawn at random (the split is ordered by digit), on the features of the engine's own classifier (src/quality/), written into metrics.csv as
// columns beside the losses (empty on the iterations between). A resumed run keeps the points of the runs before it.
import { existsSync, readFileSync } from 'node:fs';
import { classHistogram, drawRows, frechetDistance } from '../quality/measures.js';
import { featureSet, loadQualityClassifier, type FeatureSet, type QualityClassifier } from '../quality/evaluate.js';
import type { Gan, IterationMetrics } from '../train/gan.js';
import { findDefaultClassifier } from './cli-classifier.js';
import { UsageError, type Dataset } from './cli-train.js';

/** Rows drawn from G, and training digits compared against, at each measurement. */
const QUALITY_ROWS = 2000;

export interface QualityPoint {
  fid: number;
  covered: number;
  kl: number;
}

export interface QualityProbe {
  every: number;
  points: Map<number, QualityPoint>;
  /** Measures the run as it is now and files the point under its iteration. */
  measure(gan: Gan): Promise<QualityPoint>;
  destroy(): void;
}

/** The probe for a run on `data` (MNIST only: the classifier is MNIST's), with the points metrics.csv already holds. */
export async function qualityProbe(device: GPUDevice, data: Dataset, every: number, previousCsv?: string): Promise<QualityProbe> {
  if (data.name !== 'mnist') throw new UsageError(`--quality-every needs --dataset mnist (the quality classifier is MNIST's), not ${data.source}`);
  const file = findDefaultClassifier();
  let classifier: QualityClassifier;
  try {
    classifier = await loadQualityClassifier(device, readFileSync(file));
  } catch (e) {
    throw new UsageError(`--quality-every: the classifier ${file} did not load (${(e as Error).message}); webgpu-gan classifier --out ${file} makes it`);
  }
  const reference: FeatureSet = await featureSet(classifier, drawRows(data.rows, data.dims, QUALITY_ROWS));
  const points = previousCsv && existsSync(previousCsv) ? readPoints(readFileSync(previousCsv, 'utf8')) : new Map<number, QualityPoint>();
  return {
    every, points,
    async measure(gan) {
      const fake = await featureSet(classifier, await gan.sample(QUALITY_ROWS));
      const classes = classHistogram(fake.logits, fake.logits.length / fake.count);
      const point = {
        fid: frechetDistance(reference.mean, reference.cov, fake.mean, fake.cov, reference.dims),
        covered: classes.covered, kl: classes.klFromUniform,
      };
      points.set(gan.iterations, point);
      return point;
    },
    destroy: () => classifier.network.destroy(),
  };
}

const QUALITY_COLUMNS = 'fid,classes_covered,class_kl';

/** metrics.csv: a row per iteration, and the quality columns where a probe measured (empty elsewhere). */
export function metricsCsv(history: IterationMetrics[], points?: Map<number, QualityPoint>): string {
  const header = `iteration,d_loss,g_loss,mean_d_real,mean_d_fake${points ? `,${QUALITY_COLUMNS}` : ''}`;
  const row = (m: IterationMetrics) => {
    const base = `${m.iteration},${m.dLoss},${m.gLoss},${m.dReal},${m.dFake}`;
    if (!points) return base;
    const p = points.get(m.iteration);
    return `${base},${p ? `${p.fid},${p.covered},${p.kl}` : ',,'}`;
  };
  return [header, ...history.map(row)].join('\n') + '\n';
}

/** The quality points of an earlier metrics.csv (a resumed run's). */
function readPoints(text: string): Map<number, QualityPoint> {
  const [header, ...lines] = text.trim().split('\n');
  const points = new Map<number, QualityPoint>();
  if (!header?.endsWith(QUALITY_COLUMNS)) return points;
  for (const line of lines) {
    const cells = line.split(',');
    if (cells[5] === undefined || cells[5] === '') continue;
    const [iteration, fid, covered, kl] = [cells[0], cells[5], cells[6], cells[7]].map(Number);
    if ([iteration, fid, covered, kl].every(Number.isFinite)) points.set(iteration, { fid, covered, kl });
  }
  return points;
}
