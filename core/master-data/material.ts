import { MaterialDefinition } from '../material/model';
import { accept, type Decider } from '../shared/decider';
import { sameParsed } from '../shared/same-parsed';

export type MaterialEvent = { readonly type: 'MaterialDefined'; readonly data: MaterialDefinition };
export type MaterialState = { readonly definition: MaterialDefinition | null };
export type MaterialCommand = { readonly type: 'DefineMaterial'; readonly definition: MaterialDefinition };

/**
 * A material revision's definition. The same definition sent again changes nothing (an ERP message sent twice); a
 * new description or unit of measure is recorded as a new definition of the revision.
 */
export const materialDecider: Decider<MaterialState, MaterialCommand, MaterialEvent> = {
  initialState: () => ({ definition: null }),
  decide(command, state) {
    if (state.definition && sameParsed(MaterialDefinition, state.definition, command.definition)) return accept();
    return accept({ type: 'MaterialDefined', data: command.definition });
  },
  evolve: (_state, event) => ({ definition: event.data }),
};
