import { ProductDefinition, type BomItem } from '../material/model';
import { childNamed, childrenNamed, childText, refuseAt, type XmlElement } from './xml';

/** ISO 8601 / xs:duration (P1DT2H3M4.5S) in seconds; undefined if it is not one. */
export function durationSeconds(text: string): number | undefined {
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const [, d = '0', h = '0', min = '0', s = '0'] = m;
  return Number(d) * 86_400 + Number(h) * 3_600 + Number(min) * 60 + Number(s);
}

export interface DefinitionOptions {
  readonly defaultRevision: string;
  /** The station's revision of a material (B2MML names materials without one). */
  readonly materialRevision?: (id: string) => string | undefined;
}

/**
 * B2MML product definitions as product revisions: V0600 ProductDefinition with its ProductSegments, V7
 * OperationsDefinition with its OperationsSegments. Each segment is an operation, in document order (10, 20, …):
 * where it runs (EquipmentSpecification/EquipmentID, else ProcessSegmentID), how long (Duration), what it consumes
 * (MaterialSpecification with MaterialUse Consumed, or none said). Parameters are not read as checks (B2MML gives
 * them no limits): said in a warning. A definition the station cannot build from is refused, saying what and where.
 */
export function readProductDefinitions(defs: readonly XmlElement[], segmentName: string, options: DefinitionOptions, warnings: string[]): ProductDefinition[] {
  return defs.map((el, i) => {
    const path = `${el.local}[${i + 1}]`;
    const product = childText(el, 'ID');
    if (product === undefined) throw refuseAt(el, path, 'the required ID is missing');
    let revision = childText(el, 'Version');
    if (revision === undefined) {
      revision = options.defaultRevision;
      warnings.push(`${path}: no Version for ${product}; revision "${revision}" assumed.`);
    }
    const segments = childrenNamed(el, segmentName);
    if (segments.length === 0) throw refuseAt(el, path, `${product} has no ${segmentName}: the station builds nothing without a routing`);
    const bom = new Map<string, BomItem>();
    const routing = segments.map((seg, k) => {
      const where = `${path}.${segmentName}[${k + 1}]`;
      const id = childText(seg, 'ID') ?? String((k + 1) * 10);
      const equipment = childrenNamed(seg, 'EquipmentSpecification').map((e) => childText(e, 'EquipmentID')).find((x) => x !== undefined);
      const workCenter = equipment ?? childText(seg, 'ProcessSegmentID');
      if (workCenter === undefined) {
        throw refuseAt(seg, where, `segment ${id} of ${product} names no work center (EquipmentSpecification/EquipmentID or ProcessSegmentID): the station builds a routing only from segments that say where they run`);
      }
      const durationText = childText(seg, 'Duration');
      const seconds = durationText === undefined ? undefined : durationSeconds(durationText);
      if (seconds === undefined || seconds <= 0) {
        throw refuseAt(seg, where, `segment ${id} of ${product} has ${durationText === undefined ? 'no Duration' : `a Duration "${durationText}" that is not an ISO 8601 duration`}: its standard time is needed for the line's plan`);
      }
      if (childrenNamed(seg, 'Parameter').length > 0) warnings.push(`${where}: parameters are not read as checks (B2MML gives them no limits).`);
      const components = childrenNamed(seg, 'MaterialSpecification')
        .filter((m) => (childText(m, 'MaterialUse') ?? 'Consumed').toLowerCase() === 'consumed')
        .map((m, n) => {
          const material = childText(m, 'MaterialDefinitionID');
          if (material === undefined) throw refuseAt(m, `${where}.MaterialSpecification[${n + 1}]`, 'the MaterialDefinitionID is missing');
          const q = childNamed(m, 'Quantity');
          const quantity = Number(q ? (childText(q, 'QuantityString') ?? '1') : '1');
          const materialRevision = options.materialRevision?.(material) ?? options.defaultRevision;
          const had = bom.get(material);
          bom.set(material, { material, revision: materialRevision, quantity: (had?.quantity ?? 0) + quantity });
          return { material, quantity };
        });
      return {
        seq: (k + 1) * 10,
        name: childText(seg, 'Description') ?? id,
        workCenter,
        standardCycleSeconds: seconds,
        components,
        measurements: [],
        instruction: childText(seg, 'Description') ?? '',
        onFail: 'reject' as const,
      };
    });
    const checked = ProductDefinition.safeParse({ product, revision, description: (childText(el, 'Description') ?? '').slice(0, 200), bom: [...bom.values()], routing });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw refuseAt(el, path, `${issue?.path.join('.') ?? 'definition'}: ${issue?.message ?? 'invalid'}`);
    }
    return checked.data;
  });
}
