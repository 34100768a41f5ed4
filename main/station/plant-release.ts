import { EngineeringChange, ErrorCode, MaterialDefinition, ProductDefinition, fail, type Result } from '../../core';
import type { Changes } from './changes';
import type { Clock } from './clock';
import type { Commands } from './commands';
import { newContext } from './context';
import { releaseCorrelation, type PlantRelease } from './plant-inbox';

/**
 * One release from the plant applied through the station's own commands, as the plant's engineer who released it
 * (marked as coming from the plant), its events carrying the release's correlation id. A change is proposed here:
 * this line's engineer and supervisor see its impact on this line's work and approve it (or not) themselves.
 */
export async function takeRelease(r: PlantRelease, s: { readonly commands: Commands; readonly changes: Changes; readonly clock: Clock }): Promise<Result<unknown>> {
  const ctx = newContext(s.clock, `plant:${r.releasedBy}`, { source: 'plant', correlationId: releaseCorrelation(r.seq) });
  const unreadable = (issues: readonly { message: string }[]) => fail(ErrorCode.validation, `The plant's release ${r.seq} is not readable here: ${issues[0]?.message ?? 'unknown'}`);
  switch (r.kind) {
    case 'material': {
      const d = MaterialDefinition.safeParse(r.body);
      return d.success ? s.commands.defineMaterial(d.data, ctx) : unreadable(d.error.issues);
    }
    case 'product': {
      const d = ProductDefinition.safeParse(r.body);
      return d.success ? s.commands.defineProduct(d.data, ctx) : unreadable(d.error.issues);
    }
    case 'change': {
      const c = EngineeringChange.safeParse(r.body);
      return c.success ? s.changes.submit(c.data, ctx) : unreadable(c.error.issues);
    }
  }
}
