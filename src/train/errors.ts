// Errors that stop training, each saying what happened and what is left to do.

/** A NaN or an infinity in a gradient or a loss, found on the GPU and confirmed on the CPU. No optimizer step ran
 * with it; the last snapshot (Gan.snapshot) holds the state to go back to with Gan.restoreSnapshot().
 * @param network the network whose gradients or losses went non-finite
 * @param iterations the first and last iteration of the chunk in which it happened
 * @param snapshotIteration the iteration of the snapshot restoreSnapshot() goes back to (undefined: none)
 * @param detail where it was seen first */
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

/** The GPU device was lost (destroyed, a driver reset, a tab in the background too long). Every call in flight
 * rejects with this; the last snapshot (Gan.snapshot) can resume on a new device with Gan.fromSnapshot().
 * @param reason GPUDeviceLostInfo.reason: 'destroyed' or 'unknown'
 * @param detail GPUDeviceLostInfo.message
 * @param snapshotIteration the iteration of the snapshot Gan.fromSnapshot() resumes from (undefined: none) */
export class DeviceLostError extends Error {
  constructor(readonly reason: string, detail: string, readonly snapshotIteration: number | undefined) {
    super(`the GPU device was lost (${reason}${detail ? `: ${detail}` : ''}). ` +
      (snapshotIteration === undefined ? 'No snapshot was taken: Gan.fromSnapshot() with none starts the run again from its initial state.' : `The snapshot at iteration ${snapshotIteration} can resume on a new device with Gan.fromSnapshot().`));
    this.name = 'DeviceLostError';
  }
}
