import type { ImpactView } from '../../core';
import { DISPOSITION_WORDS, needsReason, type Disposition } from './dispositions';

export interface Edit {
  readonly disposition: Disposition;
  readonly reason: string;
}

/**
 * One unit's disposition before approval: the options open to it where it stands (the first applies when nobody
 * chooses), a reason where the choice needs one. Read-only for who may not choose.
 */
export function DispositionPicker({ unit, edit, onEdit, editable }: { unit: ImpactView['units'][number]; edit: Edit | undefined; onEdit: (e: Edit) => void; editable: boolean }) {
  if (unit.options.length === 0) return <span className="muted">–</span>;
  const current: Edit = edit ?? { disposition: unit.chosen?.disposition ?? unit.options[0]!, reason: unit.chosen?.reason ?? '' };
  if (!editable || unit.options.length === 1) {
    return (
      <span data-testid="disposition-text">
        {DISPOSITION_WORDS[current.disposition]}
        {unit.chosen ? '' : ' (unless chosen)'}
      </span>
    );
  }
  return (
    <span className="disposition-picker">
      <select
        aria-label={`Disposition of ${unit.serial}`}
        data-testid="disposition-select"
        value={current.disposition}
        onChange={(e) => onEdit({ ...current, disposition: e.target.value as Disposition })}
      >
        {unit.options.map((o) => (
          <option key={o} value={o}>
            {DISPOSITION_WORDS[o]}
            {o === unit.options[0] ? ' (default)' : ''}
          </option>
        ))}
      </select>
      {needsReason(current.disposition) && (
        <input
          aria-label={`Why, for ${unit.serial}`}
          data-testid="disposition-reason"
          placeholder="Why (required)"
          value={current.reason}
          onChange={(e) => onEdit({ ...current, reason: e.target.value })}
        />
      )}
      {!edit && unit.chosen && <span className="diff-mark">chosen</span>}
    </span>
  );
}
