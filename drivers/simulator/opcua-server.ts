import path from 'node:path';
import {
  DataType,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAServer,
  SecurityPolicy,
  StatusCodes,
  Subscription,
  Variant,
  type DataValue,
  type Namespace,
  type UAObject,
  type UAVariable,
} from 'node-opcua';
import { LINE_PLC_NAMESPACE, LINE_TAGS, PACKML_COMMANDS, WORK_CENTER_TAGS, type PackMLCommand } from '../../core';
import { WORK_CENTER_TAG_TYPES, type LineChange, type LineModel, type WorkCenterTag } from './line-model';
import { servePlantTags, type PlantWalk } from './plant-tags';

export interface SimulatorUser {
  readonly userName: string;
  readonly password: string;
}

/** Serves a LineModel as the line PLC: the tag layout of core/equipment/plc-tags.ts over OPC UA. */
export interface LineServerOptions {
  readonly model: LineModel;
  /** Own certificate, trusted and rejected client certificates. Never the user's home folder. */
  readonly pkiFolder: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Host name written into the endpoint URL. */
  readonly hostname: string;
  /** Address to listen on, e.g. "127.0.0.1" (this machine only) or "::" (every interface). */
  readonly host: string;
  /** How often the PLC scan runs (wall-clock ms). */
  readonly tickMs: number;
  readonly clock: () => number;
  /** User name logins the server accepts (none: anonymous only). */
  readonly users: readonly SimulatorUser[];
  readonly allowAnonymous: boolean;
  /** Extra numeric tags under "<lineId>/Plant", stepped every periodMs. */
  readonly plant?: { readonly walk: PlantWalk; readonly periodMs: number };
}

export interface LineServer {
  readonly endpoint: string;
  readonly port: number;
  /** Cuts every client's socket at once, as a pulled cable would; sessions stay for the clients to resume. */
  dropConnections(): Promise<void>;
  dispose(): Promise<void>;
}

const TAG_TYPES = Object.fromEntries(
  Object.entries(WORK_CENTER_TAG_TYPES).map(([tag, type]) => [tag, DataType[type]]),
) as Record<WorkCenterTag, DataType>;

export async function serveLineModel(options: LineServerOptions): Promise<LineServer> {
  const { model, pkiFolder } = options;
  const server = new OPCUAServer({
    port: options.port,
    hostname: options.hostname,
    host: options.host,
    serverCertificateManager: new OPCUACertificateManager({ rootFolder: pkiFolder, automaticallyAcceptUnknownCertificate: true }),
    userCertificateManager: new OPCUACertificateManager({ rootFolder: path.join(pkiFolder, 'user'), automaticallyAcceptUnknownCertificate: true }),
    allowAnonymous: options.allowAnonymous,
    userManager: { isValidUser: (userName: string, password: string) => options.users.some((u) => u.userName === userName && u.password === password) },
    securityModes: [MessageSecurityMode.None, MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt],
    securityPolicies: [SecurityPolicy.None, SecurityPolicy.Basic256Sha256, SecurityPolicy.Aes128_Sha256_RsaOaep, SecurityPolicy.Aes256_Sha256_RsaPss],
    buildInfo: { productName: 'Control-room MES line simulator', manufacturerName: 'control-room-mes' },
    serverInfo: { applicationName: { text: 'Line simulator', locale: 'en' }, applicationUri: `urn:control-room-mes:simulator:${model.profile.lineId}` },
  });
  await server.initialize();
  // node-opcua sends at most 1000 notifications per publish (a per-process limit): a plant of N changing tags
  // must be able to deliver all its changes each publishing interval.
  if (options.plant) Subscription.maxNotificationPerPublishHighLimit = Math.max(Subscription.maxNotificationPerPublishHighLimit, options.plant.walk.count);
  const variables = buildAddressSpace(server, model, options.clock, options.plant?.walk);
  publish(variables, model.step(options.clock()));

  const timer = setInterval(() => publish(variables, model.step(options.clock())), options.tickMs);
  const plant = options.plant;
  const plantTimer =
    plant &&
    setInterval(() => {
      plant.walk.step();
      variables.plant?.publish(new Date(options.clock()));
    }, plant.periodMs);
  const stopTimers = () => {
    clearInterval(timer);
    if (plantTimer) clearInterval(plantTimer);
  };
  try {
    await server.start();
  } catch (err) {
    stopTimers();
    await server.shutdown(0).catch(() => undefined);
    throw new Error(`The line simulator could not listen on port ${options.port}: ${(err as Error).message}`, { cause: err });
  }
  const port = server.endpoints[0]?.port ?? options.port;
  let disposed: Promise<void> | undefined;
  return {
    endpoint: server.getEndpointUrl(),
    port,
    dropConnections: async () => {
      for (const endpoint of server.endpoints) endpoint.abruptlyInterruptChannels();
    },
    dispose: () => {
      disposed ??= (async () => {
        stopTimers();
        await server.shutdown(0);
      })();
      return disposed;
    },
  };
}

interface Variables {
  readonly byWorkCenter: Map<string, Map<WorkCenterTag, UAVariable>>;
  readonly nextSerial: UAVariable;
  readonly plant: { publish(at: Date): void } | undefined;
}

function buildAddressSpace(server: OPCUAServer, model: LineModel, clock: () => number, walk: PlantWalk | undefined): Variables {
  const addressSpace = server.engine.addressSpace;
  if (!addressSpace) throw new Error('OPC UA server has no address space after initialize()');
  const namespace = addressSpace.registerNamespace(LINE_PLC_NAMESPACE);
  const { lineId } = model.profile;
  const lineFolder = namespace.addFolder(addressSpace.rootFolder.objects, { nodeId: `s=${lineId}`, browseName: lineId });
  const snapshot = model.snapshot();

  const nextSerial = addTag(namespace, lineFolder, `${lineId}.${LINE_TAGS.nextSerial}`, LINE_TAGS.nextSerial, DataType.String, snapshot.nextSerial, true);
  // A client write lands in the variable; hand it to the PLC logic. Our own updates carry the model's value and are ignored.
  nextSerial.on('value_changed', (dataValue: DataValue) => {
    const written: unknown = dataValue.value.value;
    const serial = typeof written === 'string' ? written : '';
    if (serial !== model.snapshot().nextSerial) model.writeNextSerial(serial, clock());
  });

  const byWorkCenter = new Map<string, Map<WorkCenterTag, UAVariable>>();
  for (const wc of snapshot.workCenters) {
    const folder = namespace.addFolder(lineFolder, { nodeId: `s=${lineId}.${wc.plcFolder}`, browseName: wc.plcFolder });
    const tags = new Map<WorkCenterTag, UAVariable>();
    for (const tag of Object.keys(WORK_CENTER_TAGS) as WorkCenterTag[]) {
      const name = WORK_CENTER_TAGS[tag];
      tags.set(tag, addTag(namespace, folder, `${lineId}.${wc.plcFolder}.${name}`, name, TAG_TYPES[tag], wc.values[tag], tag === 'command'));
    }
    // A PackML command from the MES: the PLC takes it if PackML allows it now; otherwise the tag goes back to the last
    // command it accepted, so the writer's read-back sees the refusal.
    const command = tags.get('command');
    command?.on('value_changed', (dataValue: DataValue) => {
      const written = typeof dataValue.value.value === 'string' ? dataValue.value.value : '';
      const current = model.snapshot().workCenters.find((w) => w.id === wc.id)?.values.command ?? '';
      if (written === current) return;
      const accepted = (PACKML_COMMANDS as readonly string[]).includes(written) && model.command(wc.id, written as PackMLCommand, clock());
      if (!accepted) setImmediate(() => command.setValueFromSource(new Variant({ dataType: DataType.String, value: current }), StatusCodes.Good, new Date(clock())));
    });
    byWorkCenter.set(wc.id, tags);
  }
  return { byWorkCenter, nextSerial, plant: walk && servePlantTags(namespace, lineFolder, lineId, walk) };
}

function addTag(namespace: Namespace, folder: UAObject, id: string, name: string, dataType: DataType, value: unknown, writable: boolean): UAVariable {
  const access = writable ? 'CurrentRead | CurrentWrite' : 'CurrentRead';
  return namespace.addVariable({
    organizedBy: folder,
    nodeId: `s=${id}`,
    browseName: name,
    dataType,
    accessLevel: access,
    userAccessLevel: access,
    minimumSamplingInterval: 0, // values are pushed as they change
    value: new Variant({ dataType, value }),
  });
}

/** Writes the model's changes into the address space in the order the PLC made them, stamped with when they happened. */
function publish(variables: Variables, changes: readonly LineChange[]): void {
  for (const change of changes) {
    const variable = change.workCenterId === null ? variables.nextSerial : variables.byWorkCenter.get(change.workCenterId)?.get(change.tag);
    if (!variable) continue;
    if (change.workCenterId === null && variable.readValue().value.value === change.value) continue; // the client's own write
    const dataType = change.workCenterId === null ? DataType.String : TAG_TYPES[change.tag];
    variable.setValueFromSource(new Variant({ dataType, value: change.value }), StatusCodes.Good, new Date(change.atMs));
  }
}
