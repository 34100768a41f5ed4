/**
 * B2MML message intake: ERP → MES schedules and material definitions, pure and runtime-free.
 * Reads V0401, V0600 and V7 (told apart by namespace), bare or in a BOD wrapper (Sync… or Process…), or wrapped in an
 * MTConnect asset document. Refuses the whole message on any invalid order, with what and where.
 */
import type { CreateOrderRequest } from '../api/schemas';
import type { MaterialDefinition, ProductDefinition } from '../material/model';
import { readProductDefinitions } from './definition';
import { fail, ok, type Result } from '../shared/result';
import { runSteps, runStepsInParts, type Steps } from '../shared/steps';
import { readMaterialDefinitions } from './materials';
import { readSchedules, type ScheduleDialect } from './schedule';
import { B2MML_V0401_NS, B2MML_V0600_NS, B2MML_V7_NS } from './namespaces';
import { B2mmlRefusal, childNamed, childrenNamed, parseXml, parseXmlInParts, XML_LIMITS, type ParsedXml, type Pause, type XmlElement } from './xml';

export const B2MML_NAMESPACES = {
  [B2MML_V0401_NS]: 'V0401',
  [B2MML_V0600_NS]: 'V0600',
  [B2MML_V7_NS]: 'V7',
} as const;
export type B2mmlVersion = (typeof B2MML_NAMESPACES)[keyof typeof B2MML_NAMESPACES];
export type B2mmlKind = 'ProductionSchedule' | 'OperationsSchedule' | 'MaterialDefinition' | 'MaterialInformation' | 'ProductDefinition' | 'OperationsDefinition';
export const B2MML_VERBS = ['Sync', 'Process', 'Get', 'Show', 'Acknowledge', 'Change', 'Respond', 'Cancel'] as const;
export type B2mmlVerb = (typeof B2MML_VERBS)[number];

export interface B2mmlImport {
  readonly kind: B2mmlKind;
  readonly version: B2mmlVersion;
  /** The BOD verb when the message came in a Sync… or Process… wrapper. */
  readonly verb?: B2mmlVerb;
  readonly orders: CreateOrderRequest[];
  readonly materials: MaterialDefinition[];
  /** Product revisions from a ProductDefinition (V0600) or OperationsDefinition (V7). */
  readonly products: ProductDefinition[];
  readonly warnings: string[];
}

export interface B2mmlOptions {
  /** Due date for a request with no EndTime/LatestEndTime (the core has no clock). Without it such a request is refused. */
  readonly defaultDueDate?: string;
  /** Revision when the message names none (B2MML requirements carry no revision). Default 'A'. */
  readonly defaultRevision?: string;
  /** Largest accepted document, in characters. Default 50 MiB. */
  readonly maxChars?: number;
  /** Most elements in a document. Default 2,000,000. */
  readonly maxElements?: number;
  /** The station's revision of each material (definitions name materials without one): plain data, it crosses to the reader thread. */
  readonly materialRevisions?: Readonly<Record<string, string>>;
}

export const B2MML_INVALID = 'b2mml_invalid';

/** Verbs that carry data for the MES to take in; Get/Show/Cancel/Change/… ask for something else. */
const INTAKE_VERBS: ReadonlySet<string> = new Set(['Sync', 'Process']);
const SCHEDULE: Record<B2mmlVersion, { noun: B2mmlKind; dialect: ScheduleDialect }> = {
  V0401: { noun: 'ProductionSchedule', dialect: { request: 'ProductionRequest', childSegment: 'SegmentRequirement' } },
  V0600: { noun: 'ProductionSchedule', dialect: { request: 'ProductionRequest', childSegment: 'SegmentRequirement' } },
  V7: { noun: 'OperationsSchedule', dialect: { request: 'OperationsRequest', childSegment: 'SegmentRequirementChild' } },
};
/**
 * Performance (as-run) messages flow MES → ERP: the MES reports them from its own event log and never takes them in.
 * Refused with that reason; a missing releaseID (as in the real Courbon PES-… file) is mentioned alongside.
 */
const REPORTED_BY_MES = new Set(['ProductionPerformance', 'OperationsPerformance']);

const versionOf = (ns: string): B2mmlVersion | undefined => (B2MML_NAMESPACES as Record<string, B2mmlVersion>)[ns];

/** The B2MML element: the root, or the single one inside a wrapper (MTConnect assets). */
function findB2mml(root: XmlElement, warnings: string[]): XmlElement {
  if (versionOf(root.ns)) return root;
  const found: XmlElement[] = [];
  const walk = (el: XmlElement) => {
    for (const c of el.children) {
      if (versionOf(c.ns)) found.push(c);
      else walk(c);
    }
  };
  walk(root);
  const where = { line: root.line, column: root.column, element: root.local };
  if (found.length === 0) {
    throw new B2mmlRefusal(
      `Root element <${root.local}> in namespace "${root.ns}" is not B2MML and holds no B2MML element (expected namespace ${Object.keys(B2MML_NAMESPACES).join(', ')}).`,
      where,
    );
  }
  if (found.length > 1) {
    throw new B2mmlRefusal(`<${root.local}> wraps ${found.length} B2MML documents; send one per message.`, where);
  }
  warnings.push(`B2MML <${found[0]!.local}> read from inside <${root.local}> (line ${found[0]!.line}).`);
  return found[0]!;
}

function refuseHere(el: XmlElement, message: string): B2mmlRefusal {
  return new B2mmlRefusal(`${el.local}: ${message} (line ${el.line}, column ${el.column})`, { line: el.line, column: el.column, element: el.local });
}

function* reading(parsed: ParsedXml, options: B2mmlOptions): Steps<B2mmlImport> {
  const warnings = [...parsed.warnings];
  const top = findB2mml(parsed.root, warnings);
  const version = versionOf(top.ns)!;

  // A BOD is <VerbNoun releaseID=…><ApplicationArea/><DataArea><Verb/><Noun/>…</DataArea></VerbNoun>.
  const dataArea = childNamed(top, 'DataArea');
  const verb = dataArea ? B2MML_VERBS.find((v) => top.local.startsWith(v) && top.local.length > v.length) : undefined;
  const noun = verb ? top.local.slice(verb.length) : top.local;

  if (REPORTED_BY_MES.has(noun)) {
    const bodNote = verb && top.attrs['releaseID'] === undefined ? ' (this message also lacks the required releaseID attribute)' : '';
    throw refuseHere(top, `a ${noun} is reported by the MES, not imported${bodNote}`);
  }
  const schedule = SCHEDULE[version];
  const definition = version === 'V7' ? { noun: 'OperationsDefinition', segment: 'OperationsSegment' } : { noun: 'ProductDefinition', segment: 'ProductSegment' };
  const known: readonly string[] = [schedule.noun, 'MaterialDefinition', 'MaterialInformation', ...(version === 'V0401' ? [] : [definition.noun])];
  if (!known.includes(noun)) {
    throw refuseHere(top, `${noun} (B2MML ${version}) is not imported; this intake takes ${known.join(', ')}`);
  }
  let elements = [top];
  if (verb && dataArea) {
    if (!INTAKE_VERBS.has(verb)) throw refuseHere(top, `the verb ${verb} is not an intake; send Sync${noun} or Process${noun}`);
    if (top.attrs['releaseID'] === undefined) throw refuseHere(top, 'the required releaseID attribute is missing');
    const verbEl = childNamed(dataArea, verb);
    if (!verbEl) throw refuseHere(dataArea, `the required <${verb}> element is missing`);
    const action = findAttr(verbEl, 'actionCode');
    if (action !== undefined && !['add', 'change', 'replace'].includes(action.toLowerCase())) {
      throw refuseHere(verbEl, `actionCode "${action}" is not an intake (Add, Change or Replace)`);
    }
    elements = childrenNamed(dataArea, noun);
    if (elements.length === 0) throw refuseHere(dataArea, `no ${noun} element`);
  }

  const kind = noun as B2mmlKind;
  const defaultRevision = options.defaultRevision ?? 'A';
  let orders: CreateOrderRequest[] = [];
  let materials: MaterialDefinition[] = [];
  let products: ProductDefinition[] = [];
  if (kind === definition.noun) {
    const revisions = options.materialRevisions;
    const opts = revisions ? { defaultRevision, materialRevision: (id: string) => revisions[id] } : { defaultRevision };
    products = readProductDefinitions(elements, definition.segment, opts, warnings);
  } else if (kind === schedule.noun) {
    const opts = options.defaultDueDate === undefined ? { defaultRevision } : { defaultRevision, defaultDueDate: options.defaultDueDate };
    orders = yield* readSchedules(elements, schedule.dialect, opts, warnings);
  } else if (kind === 'MaterialDefinition') {
    materials = readMaterialDefinitions(elements, defaultRevision, warnings);
  } else {
    for (const info of elements) {
      const lot = childNamed(info, 'MaterialLot') ?? childNamed(info, 'MaterialSubLot');
      if (lot) throw refuseHere(lot, 'material lots and sub-lots are not imported by this intake; lots are received at the line');
    }
    materials = readMaterialDefinitions(elements.flatMap((i) => childrenNamed(i, 'MaterialDefinition')), defaultRevision, warnings);
  }
  return verb ? { kind, version, verb, orders, materials, products, warnings } : { kind, version, orders, materials, products, warnings };
}

function findAttr(el: XmlElement, name: string): string | undefined {
  return el.attrs[name] ?? el.children.map((c) => findAttr(c, name)).find((v) => v !== undefined);
}

/** Parses one B2MML message. Never throws: a refusal is `{ ok: false, error: { code: 'b2mml_invalid', … } }`. */
export function parseB2mml(xml: string, options: B2mmlOptions = {}): Result<B2mmlImport> {
  try {
    return ok(runSteps(reading(parseXml(xml, options.maxChars ?? XML_LIMITS.maxChars, options.maxElements ?? XML_LIMITS.maxElements), options)));
  } catch (err) {
    return refusal(err);
  }
}

/**
 * parseB2mml with the XML read in parts and `pause` between them, so that a message of megabytes (a 10,000-order
 * schedule is 5 MiB) never holds a station's loop for more than a few milliseconds at a time. The same answer.
 */
export async function parseB2mmlInParts(xml: string, pause: Pause, options: B2mmlOptions = {}, partChars?: number): Promise<Result<B2mmlImport>> {
  try {
    const parsed = await parseXmlInParts(xml, pause, options.maxChars ?? XML_LIMITS.maxChars, options.maxElements ?? XML_LIMITS.maxElements, partChars);
    return ok(await runStepsInParts(reading(parsed, options), pause));
  } catch (err) {
    return refusal(err);
  }
}

function refusal(err: unknown): Result<never> {
  if (!(err instanceof B2mmlRefusal)) throw err;
  const { line, column, element } = err.where;
  const placed = line !== undefined && !err.message.includes('(line ') ? `${err.message} (line ${line}, column ${column ?? 1})` : err.message;
  const details: Record<string, unknown> = {};
  if (line !== undefined) details['line'] = line;
  if (column !== undefined) details['column'] = column;
  if (element !== undefined) details['element'] = element;
  return fail(B2MML_INVALID, placed, details);
}
export * from './performance';
export { writeXml, xmlElement, xmlLeaf, type XmlNode } from './xml-writer';
export { B2MML_V0600_NS } from './namespaces';
export type { Pause } from './xml';
