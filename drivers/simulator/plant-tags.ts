import { DataType, StatusCodes, Variant, type Namespace, type UAObject, type UAVariable } from 'node-opcua';
import { createRandom, type Random } from './random';

/**
 * "A plant of any size": numeric tags that wander by a random walk (one standard normal step per change), for
 * benchmarks and tag-browser tests. Their values live here, not in the server, so they survive a restart.
 */
export class PlantWalk {
  readonly values: Float64Array;
  private readonly random: Random;

  constructor(
    readonly count: number,
    seed: number,
  ) {
    this.random = createRandom(seed ^ 0x5eed);
    this.values = Float64Array.from({ length: count }, () => Math.round(this.random.between(0, 100)));
  }

  step(): void {
    for (let i = 0; i < this.count; i += 1) this.values[i] = (this.values[i] ?? 0) + this.random.gaussian();
  }

  static tagName(index: number): string {
    return `T${String(index).padStart(5, '0')}`;
  }
}

export const PLANT_FOLDER = 'Plant';

/** The walk's tags in "<lineId>/Plant/T00000…" (node ids "<lineId>.Plant.T00000…"); publish() writes the current values. */
export function servePlantTags(namespace: Namespace, lineFolder: UAObject, lineId: string, walk: PlantWalk): { publish(at: Date): void } {
  const folder = namespace.addFolder(lineFolder, { nodeId: `s=${lineId}.${PLANT_FOLDER}`, browseName: PLANT_FOLDER });
  const variables: UAVariable[] = [];
  for (let i = 0; i < walk.count; i += 1) {
    const name = PlantWalk.tagName(i);
    variables.push(
      namespace.addVariable({
        organizedBy: folder,
        nodeId: `s=${lineId}.${PLANT_FOLDER}.${name}`,
        browseName: name,
        dataType: DataType.Double,
        accessLevel: 'CurrentRead',
        userAccessLevel: 'CurrentRead',
        minimumSamplingInterval: 0, // values are pushed as they change
        value: new Variant({ dataType: DataType.Double, value: walk.values[i] ?? 0 }),
      }),
    );
  }
  return {
    publish: (at) => {
      variables.forEach((variable, i) => variable.setValueFromSource(new Variant({ dataType: DataType.Double, value: walk.values[i] ?? 0 }), StatusCodes.Good, at));
    },
  };
}
