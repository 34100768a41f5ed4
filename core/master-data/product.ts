import { optionsRefusal } from '../material/configuration';
import { ProductDefinition } from '../material/model';
import { accept, refuse, type Decider } from '../shared/decider';
import { ErrorCode } from '../shared/errors';
import { sameParsed } from '../shared/same-parsed';

export type ProductEvent = { readonly type: 'ProductDefined'; readonly data: ProductDefinition };
export type ProductState = { readonly definition: ProductDefinition | null };

/** Define a product revision (BOM, routing). The facts it is judged against come from the station's record. */
export interface DefineProduct {
  readonly type: 'DefineProduct';
  readonly definition: ProductDefinition;
  /** The line's work centers; a routing may name only these (absent where no line is defined, as in tools). */
  readonly workCenters?: readonly string[];
  /** The BOM's materials that are not defined on this station. */
  readonly undefinedMaterials: readonly string[];
  /** Orders that use this revision (a few are enough to say which). */
  readonly usedBy: readonly string[];
}
export type ProductCommand = DefineProduct;


/**
 * A product revision's BOM and routing. Every work center on the line, every BOM material defined, every component
 * of an operation in the BOM. The same definition sent again changes nothing; another content for a revision that
 * orders already use is refused (engineering releases a new revision instead).
 */
export const productDecider: Decider<ProductState, ProductCommand, ProductEvent> = {
  initialState: () => ({ definition: null }),
  decide(command, state) {
    const d = command.definition;
    const name = `${d.product} rev ${d.revision}`;
    const wcs = command.workCenters;
    if (wcs && wcs.length === 0) {
      return refuse(ErrorCode.conflict, `No line is set up on this station yet, so ${name} has nowhere to be built: an engineer sets up the line (Line setup) before products are defined.`);
    }
    const elsewhere = wcs ? d.routing.filter((op) => !wcs.includes(op.workCenter)) : [];
    if (wcs && elsewhere.length > 0) {
      return refuse(
        ErrorCode.validation,
        `The routing of ${name} names work centers this line does not have: ${elsewhere.map((op) => `operation ${op.seq} on ${op.workCenter}`).join(', ')}. This line has ${wcs.join(', ') || 'none'}.`,
      );
    }
    if (command.undefinedMaterials.length > 0) {
      return refuse(ErrorCode.validation, `The BOM of ${name} uses materials that are not defined: ${command.undefinedMaterials.join(', ')}.`, {
        missing: [...command.undefinedMaterials],
      });
    }
    const stray = d.routing.flatMap((op) => op.components.map((c) => ({ op, c }))).find(({ c }) => !d.bom.some((b) => b.material === c.material));
    if (stray) return refuse(ErrorCode.validation, `Operation ${stray.op.seq} of ${name} consumes ${stray.c.material}, which is not in its BOM.`);
    const options = optionsRefusal(d);
    if (options) return refuse(ErrorCode.validation, options);
    const optionOps = (d.options ?? []).flatMap((o) => o.values.flatMap((v) => v.addOperations)).filter((op) => wcs && !wcs.includes(op.workCenter));
    if (optionOps.length > 0) {
      return refuse(ErrorCode.validation, `An option of ${name} adds operations on work centers this line does not have: ${optionOps.map((op) => `operation ${op.seq} on ${op.workCenter}`).join(', ')}.`);
    }
    if (state.definition && sameParsed(ProductDefinition, state.definition, d)) return accept();
    if (state.definition && command.usedBy.length > 0) {
      return refuse(ErrorCode.conflict, `${name} is already defined differently and orders use it (${command.usedBy.join(', ')}); release the change as a new revision.`, {
        orders: [...command.usedBy],
      });
    }
    return accept({ type: 'ProductDefined', data: d });
  },
  evolve: (_state, event) => ({ definition: event.data }),
};
