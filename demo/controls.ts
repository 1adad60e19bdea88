// The lab's controls: element lookup, the settings a new run takes from them, and the class picker of a conditional
// run.
import type { LrStep } from '../src/index';
import type { LabSettings } from './lab';

export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
export const value = (id: string) => $<HTMLInputElement>(id).value;

/** A new run's settings, as the controls show them now (with the schedule the schedule box last applied). */
export function settingsFromControls(schedule: LrStep[]): LabSettings {
  return {
    dataset: value('dataset') as LabSettings['dataset'], loss: value('loss') as LabSettings['loss'],
    k: Math.max(1, Math.min(10, Math.round(Number(value('k')) || 1))),
    seed: Math.max(0, Math.round(Number(value('seed')) || 0)),
    generatorOptimizer: { type: value('g-opt') as 'adam' | 'sgd', lr: Number(value('g-lr')) },
    discriminatorOptimizer: { type: value('d-opt') as 'adam' | 'sgd', lr: Number(value('d-lr')) },
    batchSize: Number(value('batch')), noiseDim: Number(value('noise')), width: Number(value('width')),
    model: value('model') as LabSettings['model'], dcganWidth: Number(value('dcgan-width')), schedule,
    r1: Number(value('r1')), spectralNorm: $<HTMLInputElement>('spectral-norm').checked, ema: Number(value('ema')),
    conditional: $<HTMLInputElement>('conditional').checked, conditioning: value('conditioning') as LabSettings['conditioning'],
  };
}

/** The class picker: 'all' and one entry per class of a conditional run (none otherwise). */
export function showClasses(classes: number): void {
  const picker = $<HTMLSelectElement>('class');
  const keep = picker.value;
  picker.replaceChildren(new Option('all', '-1'), ...Array.from({ length: classes }, (_, c) => new Option(String(c), String(c))));
  picker.value = Number(keep) < classes ? keep : '-1';
  picker.disabled = classes === 0;
}

/** The class picked, or undefined for 'all' (labels drawn at random). */
export const classPicked = (): number | undefined => (Number(value('class')) >= 0 ? Number(value('class')) : undefined);
