import { instructionCards, type InstructionCard, type RevisionDiff } from '../../core';
import type { Db } from '../store';
import { productDefinition } from './facts';

/**
 * A product revision's instruction cards, from the model as recorded; marked with what the change that made the
 * revision (pending or approved) altered, if a change made it. Null: no such revision.
 */
export function instructionCardsOf(db: Db, product: string, revision: string): InstructionCard[] | null {
  const approved = productDefinition(db, product, revision);
  const change = db
    .prepare("SELECT number, diff, definition FROM changes WHERE product = ? AND to_revision = ? AND status IN ('pending', 'approved') ORDER BY submitted_at DESC LIMIT 1")
    .get(product, revision) as { number: string; diff: string; definition: string } | undefined;
  // A revision still waiting for approval is shown from its change: what the operators would get.
  const def = approved ?? (change ? (JSON.parse(change.definition) as Parameters<typeof instructionCards>[0]) : null);
  if (!def) return null;
  const describe = db.prepare('SELECT description FROM materials WHERE id = ? AND revision = ?').pluck();
  return instructionCards(def, {
    describe: (m, r) => (describe.get(m, r) as string | undefined) ?? '',
    ...(change ? { change: { number: change.number, diff: JSON.parse(change.diff) as RevisionDiff } } : {}),
  });
}
