import { fail, ok, type Result } from '../shared/result';
import { ErrorCode } from '../shared/errors';
import type { BomItem, Configuration, Operation, ProductDefinition } from './model';

// A configurable product's units are built to the base revision plus the chosen value of each option: its BOM lines
// added or in place of base ones, components and checks added or replaced at operations, text added to instructions,
// operations added. Pure: the definition and the choice in, the definition a unit of that configuration follows out.

/** The configuration in words: "Seal material FKM, Actuator pneumatic" (empty for a product without options). */
export const configurationText = (c: Configuration | undefined): string =>
  Object.entries(c ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

/** A stable key of a configuration (option order does not matter). */
export const configurationKey = (c: Configuration | undefined): string =>
  JSON.stringify(Object.entries(c ?? {}).sort(([a], [b]) => a.localeCompare(b)));

/**
 * The definition a unit of this configuration is built to. Refused, saying what, when an option is not named or has
 * no such value, an option is named that the product does not have, or a value does not fit the base revision.
 */
export function configure(def: ProductDefinition, chosen: Configuration | undefined): Result<ProductDefinition> {
  const name = `${def.product} rev ${def.revision}`;
  const options = def.options ?? [];
  const picked = chosen ?? {};
  const unknown = Object.keys(picked).filter((k) => !options.some((o) => o.name === k));
  if (unknown.length > 0) {
    const has = options.length > 0 ? `its options are ${options.map((o) => o.name).join(', ')}` : 'it has no options';
    return fail(ErrorCode.validation, `${name} has no option ${unknown.join(', ')}: ${has}.`, { options: unknown });
  }
  let bom: BomItem[] = [...def.bom];
  let routing: Operation[] = def.routing.map((o) => ({ ...o, components: [...o.components], measurements: [...o.measurements] }));
  for (const option of options) {
    const v = picked[option.name];
    const value = option.values.find((x) => x.value === v);
    if (!value) {
      const words = v === undefined ? `names no ${option.name}` : `names ${option.name} ${v}, which it does not have`;
      return fail(ErrorCode.validation, `The order ${words}: ${name} comes with ${option.name} ${option.values.map((x) => x.value).join(' or ')}.`, { option: option.name });
    }
    const what = `${option.name} ${value.value}`;
    for (const line of value.bom) {
      if (line.replaces && !bom.some((b) => b.material === line.replaces)) return fail(ErrorCode.validation, `${what} replaces ${line.replaces}, which is not in the BOM of ${name}.`);
      bom = bom.filter((b) => b.material !== line.replaces && b.material !== line.material);
      bom.push({ material: line.material, revision: line.revision, quantity: line.quantity });
    }
    for (const change of value.operations) {
      const op = routing.find((o) => o.seq === change.seq);
      if (!op) return fail(ErrorCode.validation, `${what} changes operation ${change.seq}, which the routing of ${name} does not have.`);
      for (const c of change.components) {
        if (c.replaces && !op.components.some((x) => x.material === c.replaces)) return fail(ErrorCode.validation, `${what} replaces ${c.replaces} at operation ${change.seq}, which does not use it.`);
        op.components = op.components.filter((x) => x.material !== c.replaces && x.material !== c.material);
        op.components.push({ material: c.material, quantity: c.quantity });
      }
      for (const m of change.measurements) op.measurements = [...op.measurements.filter((x) => x.name !== m.name), m];
      if (change.instruction) op.instruction = op.instruction ? `${op.instruction}\n${what}: ${change.instruction}` : `${what}: ${change.instruction}`;
    }
    for (const added of value.addOperations) {
      if (routing.some((o) => o.seq === added.seq)) return fail(ErrorCode.validation, `${what} adds operation ${added.seq}, which ${name} has already.`);
      // A copy: a later option may change it, and the definition (cached by the station) must stay as it is.
      routing = [...routing, { ...added, components: [...added.components], measurements: [...added.measurements] }].sort((a, b) => a.seq - b.seq);
    }
  }
  const stray = routing.flatMap((op) => op.components.map((c) => ({ op, c }))).find(({ c }) => !bom.some((b) => b.material === c.material));
  if (stray) return fail(ErrorCode.validation, `With ${configurationText(picked)}, operation ${stray.op.seq} of ${name} consumes ${stray.c.material}, which is not in its BOM.`);
  const { options: _options, ...base } = def;
  return ok({ ...base, bom, routing });
}

/** Each value of each option, with the other options at their first value: does it fit the base? (null: every one does) */
export function optionsRefusal(def: ProductDefinition): string | null {
  const options = def.options ?? [];
  for (const option of options) {
    for (const value of option.values) {
      const chosen = Object.fromEntries(options.map((o) => [o.name, o === option ? value.value : o.values[0]!.value]));
      const r = configure(def, chosen);
      if (!r.ok) return r.error.message;
    }
  }
  const names = options.map((o) => o.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  return twice ? `${def.product} rev ${def.revision} has the option ${twice} twice.` : null;
}
