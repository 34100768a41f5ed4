import { MaterialDefinition } from '../material/model';
import { childNamed, childrenNamed, childText, refuseAt, type XmlElement } from './xml';

function property(def: XmlElement, ids: readonly string[]): string | undefined {
  for (const p of childrenNamed(def, 'MaterialDefinitionProperty')) {
    if (ids.includes(childText(p, 'ID')?.toLowerCase() ?? '')) {
      const value = childNamed(p, 'Value');
      if (value) return childText(value, 'ValueString');
    }
  }
  return undefined;
}

/**
 * MaterialDefinition elements as the MES material model. Revision: V7's Version element, else a property
 * 'Revision', else the default (V0401/V0600 definitions carry no revision). Unit: property BaseUnitOfMeasure or
 * UnitOfMeasure, else 'ea'.
 */
export function readMaterialDefinitions(
  defs: readonly XmlElement[],
  defaultRevision: string,
  warnings: string[],
): MaterialDefinition[] {
  const out = new Map<string, { def: MaterialDefinition; line: number }>();
  defs.forEach((el, i) => {
    const path = `MaterialDefinition[${i + 1}]`;
    const id = childText(el, 'ID');
    if (id === undefined) throw refuseAt(el, path, 'the required ID is missing');
    let revision = childText(el, 'Version') ?? property(el, ['revision']);
    if (revision === undefined) {
      revision = defaultRevision;
      warnings.push(`${path}: no revision for ${id}; revision "${revision}" assumed.`);
    }
    let description = childText(el, 'Description') ?? '';
    if (description.length > 200) {
      description = description.slice(0, 200);
      warnings.push(`${path}: description of ${id} shortened to 200 characters.`);
    }
    const unitOfMeasure = property(el, ['baseunitofmeasure', 'unitofmeasure']) ?? 'ea';
    const checked = MaterialDefinition.safeParse({ id, revision, description, unitOfMeasure });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw refuseAt(el, path, `${issue?.path.join('.') ?? 'material'}: ${issue?.message ?? 'invalid'}`);
    }
    const key = `${id}\u0000${revision}`;
    const earlier = out.get(key);
    if (earlier && JSON.stringify(earlier.def) !== JSON.stringify(checked.data)) {
      throw refuseAt(el, path, `material ${id} revision ${revision} appears twice with different content (first at line ${earlier.line})`);
    }
    if (!earlier) out.set(key, { def: checked.data, line: el.line });
  });
  return [...out.values()].map((v) => v.def);
}
