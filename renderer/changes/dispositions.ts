import type { ImpactView } from '../../core';

export type Disposition = ImpactView['units'][number]['options'][number];

/** Each disposition in the supervisor's words. */
export const DISPOSITION_WORDS: Record<Disposition, string> = {
  continue: 'continue on the new revision',
  rework: 'rework under the new revision',
  'accept-with-deviation': 'accept as it is (deviation)',
  scrap: 'scrap',
  'finish-as-started': 'finish the operation as started',
  'restart-on-new': 'restart the operation on the new revision',
  hold: 'hold: decide later',
};

/** A deviation and a scrap say why. */
export const needsReason = (d: Disposition) => d === 'accept-with-deviation' || d === 'scrap';
