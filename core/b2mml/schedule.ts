import { CreateOrderRequest } from '../api/schemas';
import { isDueDate, isPieceUnit, orderPriority, orderQuantity } from './quantities';
import { childNamed, childrenNamed, childText, refuseAt, type XmlElement } from './xml';
import type { Steps } from '../shared/steps';

/**
 * ProductionSchedule (V0401, V0600) and OperationsSchedule (V7) share one shape for what an order needs:
 * request ID, EndTime, Priority, and segment requirements that name the produced material and its quantity.
 * They differ in the request's name and in how a segment nests its children.
 */
export interface ScheduleDialect {
  readonly request: 'ProductionRequest' | 'OperationsRequest';
  readonly childSegment: 'SegmentRequirement' | 'SegmentRequirementChild';
}

export interface ScheduleOptions {
  /** Used when a request carries neither EndTime nor any LatestEndTime; without it such a request is refused. */
  readonly defaultDueDate?: string;
  /** Used when the produced material carries no revision (B2MML requirements have no revision element). */
  readonly defaultRevision: string;
}

export interface ReadOrder {
  readonly order: CreateOrderRequest;
  readonly line: number;
}

const PRODUCED_USES = new Set(['produced', 'material produced']);

interface Produced {
  readonly el: XmlElement;
  readonly path: string;
  readonly segment: XmlElement;
}

/** Produced materials of the shallowest segment level that names any: deeper levels are sub-steps of the same product. */
function producedMaterials(request: XmlElement, requestPath: string, dialect: ScheduleDialect): Produced[] {
  let level = childrenNamed(request, 'SegmentRequirement').map((el) => ({ el, path: `${requestPath}/SegmentRequirement` }));
  while (level.length > 0) {
    const found: Produced[] = [];
    for (const seg of level) {
      for (const m of childrenNamed(seg.el, 'MaterialProducedRequirement')) {
        found.push({ el: m, path: `${seg.path}/MaterialProducedRequirement`, segment: seg.el });
      }
      for (const m of childrenNamed(seg.el, 'MaterialRequirement')) {
        if (PRODUCED_USES.has((childText(m, 'MaterialUse') ?? '').toLowerCase())) {
          found.push({ el: m, path: `${seg.path}/MaterialRequirement`, segment: seg.el });
        }
      }
    }
    if (found.length > 0) return found;
    level = level.flatMap((seg) =>
      childrenNamed(seg.el, dialect.childSegment).map((el) => ({ el, path: `${seg.path}/${dialect.childSegment}` })),
    );
  }
  return [];
}

/** The latest LatestEndTime of any segment requirement, compared as instants. */
function latestSegmentEnd(el: XmlElement, dialect: ScheduleDialect): string | undefined {
  let best: string | undefined;
  for (const seg of [...childrenNamed(el, 'SegmentRequirement'), ...childrenNamed(el, 'SegmentRequirementChild')]) {
    for (const t of [childText(seg, 'LatestEndTime'), latestSegmentEnd(seg, dialect)]) {
      if (t !== undefined && (best === undefined || Date.parse(t) > Date.parse(best))) best = t;
    }
  }
  return best;
}

function propertyValue(material: XmlElement, id: string): string | undefined {
  for (const p of material.children.filter((c) => c.local.endsWith('Property') && c.ns === material.ns)) {
    if (childText(p, 'ID')?.toLowerCase() === id) {
      const value = childNamed(p, 'Value');
      if (value) return childText(value, 'ValueString');
    }
  }
  return undefined;
}

/**
 * A configurable product's option values, as properties of the produced material whose ID is "Option:<name>" (the
 * station's convention: B2MML names no options). Empty: none.
 */
function optionProperties(material: XmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of material.children.filter((c) => c.local.endsWith('Property') && c.ns === material.ns)) {
    const id = /^option:\s*(.+)$/i.exec(childText(p, 'ID') ?? '');
    const value = childNamed(p, 'Value');
    const text = value ? childText(value, 'ValueString') : undefined;
    if (id?.[1] && text !== undefined) out[id[1].trim()] = text.trim();
  }
  return out;
}

function readOrder(
  request: XmlElement,
  path: string,
  dialect: ScheduleDialect,
  options: ScheduleOptions,
  warnings: string[],
): CreateOrderRequest {
  const number = childText(request, 'ID');
  if (number === undefined) throw refuseAt(request, path, 'the required ID is missing');

  const produced = producedMaterials(request, path, dialect);
  if (produced.length === 0) {
    throw refuseAt(request, path, 'no produced material (MaterialProducedRequirement, or MaterialRequirement with MaterialUse Produced)');
  }
  if (produced.length > 1) {
    throw refuseAt(produced[1]!.el, produced[1]!.path, `order ${number} names ${produced.length} produced materials; one order makes one product`);
  }
  const { el: material, path: mPath, segment } = produced[0]!;

  const ids = [...new Set(childrenNamed(material, 'MaterialDefinitionID').map((e) => e.text.trim()).filter((t) => t !== ''))];
  if (ids.length > 1) throw refuseAt(material, mPath, `several MaterialDefinitionIDs (${ids.join(', ')}); one order makes one product`);
  let product = ids[0];
  if (product === undefined) {
    product = childText(segment, 'ProductSegmentID');
    if (product === undefined) throw refuseAt(material, mPath, 'the produced material has no MaterialDefinitionID and its segment no ProductSegmentID');
    warnings.push(`${path}: no MaterialDefinitionID; product taken from ProductSegmentID "${product}".`);
  }

  let revision = propertyValue(material, 'revision');
  if (revision === undefined) {
    revision = options.defaultRevision;
    warnings.push(`${path}: no revision for ${product}; revision "${revision}" assumed.`);
  }

  const quantities = childrenNamed(material, 'Quantity');
  const q = quantities[0];
  const qs = q ? childNamed(q, 'QuantityString') : undefined;
  if (!q || !qs) throw refuseAt(material, mPath, 'the produced material has no Quantity/QuantityString');
  const quantity = orderQuantity(qs.text);
  if (!quantity.ok) throw refuseAt(qs, `${mPath}/Quantity/QuantityString`, quantity.reason);
  if (quantities.length > 1) warnings.push(`${mPath}: ${quantities.length} quantities; the first (${qs.text.trim()}) is used.`);
  const uom = childText(q, 'UnitOfMeasure');
  if (!isPieceUnit(uom)) warnings.push(`${mPath}: quantity is in ${uom}; taken as ${quantity.value} units.`);

  const endEl = childNamed(request, 'EndTime');
  let dueDate = childText(request, 'EndTime') ?? latestSegmentEnd(request, dialect);
  if (dueDate === undefined) {
    if (options.defaultDueDate === undefined) {
      throw refuseAt(request, path, `order ${number} has no EndTime and no LatestEndTime, so no due date`);
    }
    dueDate = options.defaultDueDate;
    warnings.push(`${path}: no EndTime; due date ${dueDate} supplied by the caller.`);
  }
  if (!isDueDate(dueDate)) {
    throw refuseAt(endEl ?? request, `${path}/EndTime`, `"${dueDate}" is not an ISO date or a date-time with a time zone`);
  }

  let priority = 5;
  const priorityEl = childNamed(request, 'Priority');
  if (priorityEl && priorityEl.text.trim() !== '') {
    const p = orderPriority(priorityEl.text);
    if (!p.ok) throw refuseAt(priorityEl, `${path}/Priority`, p.reason);
    priority = p.value;
  }

  const chosen = optionProperties(material);
  const configured = Object.keys(chosen).length > 0 ? { options: chosen } : {};
  const checked = CreateOrderRequest.safeParse({ number, product, revision, quantity: quantity.value, dueDate, priority, ...configured });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw refuseAt(request, path, `${issue?.path.join('.') ?? 'order'}: ${issue?.message ?? 'invalid'}`);
  }
  return checked.data;
}

/**
 * Orders of one or more schedule elements. A message with any invalid request is refused whole; a request
 * repeated with the same content is kept once, repeated with different content refuses the message.
 */
/** The orders of the schedules, one request a step (a schedule may hold thousands). */
export function* readSchedules(
  schedules: readonly XmlElement[],
  dialect: ScheduleDialect,
  options: ScheduleOptions,
  warnings: string[],
): Steps<CreateOrderRequest[]> {
  const seen = new Map<string, ReadOrder>();
  let index = 0;
  for (const schedule of schedules) {
    const requests = childrenNamed(schedule, dialect.request);
    if (requests.length === 0) warnings.push(`${schedule.local} (line ${schedule.line}) holds no ${dialect.request}.`);
    for (const request of requests) {
      index += 1;
      const path = `${dialect.request}[${index}]`;
      const order = readOrder(request, path, dialect, options, warnings);
      const earlier = seen.get(order.number);
      if (!earlier) {
        seen.set(order.number, { order, line: request.line });
      } else if (JSON.stringify(earlier.order) === JSON.stringify(order)) {
        warnings.push(`${path}: order ${order.number} repeats line ${earlier.line} exactly; kept once.`);
      } else {
        throw refuseAt(request, path, `order ${order.number} appears twice with different content (first at line ${earlier.line})`);
      }
      yield;
    }
  }
  return [...seen.values()].map((r) => r.order);
}
