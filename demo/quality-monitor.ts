// The lab's sample quality for MNIST runs: every EVERY iterations, FID and the class histogram of 1000 of G's samples
// against 1000 training digits drawn at random (the split is ordered by digit), on the features of the engine's own classifier (models/mnist-classifier.safetensors,
// served with the page). A measurement is started and not awaited: its GPU work queues between training frames, so
// training goes on while it runs; at most one is in flight, and the line shows the last finished one.
import classifierUrl from '../models/mnist-classifier.safetensors?url';
import { classHistogram, drawRows, featureSet, frechetDistance, loadQualityClassifier, type FeatureSet, type Gan, type QualityClassifier } from '../src/index';

const EVERY = 300;
const ROWS = 1000;

export class QualityMonitor {
  private inFlight = false;
  /** The measurement in flight: the classifier is destroyed only after it (its buffers are in its GPU work). */
  private pending?: Promise<void>;
  private measuredAt = -Infinity;
  private destroyed = false;
  /** What the stats line shows: the last measurement, or that one is coming. */
  text = `FID and classes every ${EVERY} iterations`;

  private constructor(private readonly classifier: QualityClassifier, private readonly reference: FeatureSet) {}

  /** For MNIST (28x28 grayscale digits, the classifier's input) only. */
  static async create(device: GPUDevice, trainingRows: Float32Array): Promise<QualityMonitor> {
    const response = await fetch(classifierUrl);
    if (!response.ok) throw new Error(`the quality classifier: ${classifierUrl} answered ${response.status}`);
    const classifier = await loadQualityClassifier(device, new Uint8Array(await response.arrayBuffer()));
    return new QualityMonitor(classifier, await featureSet(classifier, drawRows(trainingRows, 784, ROWS)));
  }

  /** Starts a measurement when EVERY more iterations have passed since the last and none is in flight. */
  poll(gan: Gan): void {
    if (this.inFlight || gan.iterations < this.measuredAt + EVERY || gan.iterations === 0) return;
    this.inFlight = true;
    const at = gan.iterations;
    this.pending = (async () => {
      try {
        const rows = await gan.sample(ROWS);
        if (this.destroyed) return; // the lab moved on: its classifier is going
        const fake = await featureSet(this.classifier, rows);
        if (this.destroyed) return;
        const classes = classHistogram(fake.logits, 10);
        const fid = frechetDistance(this.reference.mean, this.reference.cov, fake.mean, fake.cov, this.reference.dims);
        this.text = `FID ${fid.toFixed(1)} · classes covered ${classes.covered}/10 (KL from uniform ${classes.klFromUniform.toFixed(3)}; ` +
          `per digit ${classes.counts.join(' ')}) at iteration ${at} (${ROWS} samples against ${ROWS} training digits)`;
        this.measuredAt = at;
      } catch (e) {
        if (!this.destroyed) this.text = `quality: ${(e as Error).message}`;
      } finally {
        this.inFlight = false;
      }
    })();
  }

  destroy(): void {
    this.destroyed = true;
    void (this.pending ?? Promise.resolve()).then(() => this.classifier.network.destroy());
  }
}
