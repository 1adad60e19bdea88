// Errors that stop training, each saying what happened and what is left to do.

/** A NaN or an infinity in a gradient or a loss, found on the GPU and confirmed on the CPU. No optimizer step ran
 * with it; the last snapshot (Gan.snapshot) holds the state to go back to with Gan.restoreSnapshot(). */
export class NonFiniteError extends Error {
  constructor(readonly network: 'discriminator' | 'generator' | 'both', readonly iterations: [number, number],
    readonly snapshotIteration: number | undefined, detail: string) {
    super(`training diverged: a NaN or an infinity in the ${network === 'both' ? 'discriminator and generator' : network}'s ` +
      `gradients or losses, between iterations ${iterations[0]} and ${iterations[1]} (${detail}); no update was applied from ` +
      `that step on. ${snapshotIteration === undefined ? 'No snapshot was taken.' : `The snapshot at iteration ${snapshotIteration} can be restored with restoreSnapshot().`} ` +
      'Try a smaller learning rate.');
    this.name = 'NonFiniteError';
  }
}
