import type {
  AlarmSummary,
  AlarmView,
  BrowseNodeView,
  CertificateView,
  ConfigView,
  ConnectionConfig,
  ConnectionView,
  HistorySeries,
  PackMLCommand,
  StateInterval,
  TagRef,
  TagValueView,
  CommandContext,
  CreateOrderRequest,
  MaterialDefinition,
  DomainEvent,
  EventView,
  LineView,
  OrderActionRequest,
  OrderView,
  OutputOf,
  Result,
  Session,
  UserView,
  WipItem,
  StockItem,
  TerminalView,
  ProductDefinition,
} from '../../core';

/** What the API needs of the station: interfaces, so the API depends on no station module (STYLE.md §7). */
export interface AccountsPort {
  signIn(username: string, password: string): Promise<Result<Session>>;
  signOut(token: string | null | undefined): boolean;
  authenticate(token: string | null | undefined): Result<UserView>;
}

export interface CommandsPort {
  receiveOrder(req: CreateOrderRequest, ctx: CommandContext): Promise<Result<readonly DomainEvent[]>>;
  orderAction(req: OrderActionRequest, ctx: CommandContext): Promise<Result<readonly DomainEvent[]>>;
  dispatchList(): Promise<{ line: string; version: number; seq: number; orders: string[] }>;
  startNextUnit(ctx: CommandContext): Promise<Result<string | null>>;
  arrive(serial: string, workCenter: string, ctx: CommandContext): Promise<Result<readonly DomainEvent[]>>;
  startAtTerminal(serial: string, workCenter: string, ctx: CommandContext): Promise<Result<readonly DomainEvent[]>>;
  completeOperation(
    serial: string,
    workCenter: string,
    readings: readonly { name: string; value: number }[],
    machineResult: 'good' | 'reject',
    ctx: CommandContext,
    atTerminal?: boolean,
  ): Promise<Result<readonly DomainEvent[]>>;
  reportQuantity(
    number: string,
    report: { operation: number; workCenter: string; good: number; scrapped: number; reason?: string },
    ctx: CommandContext,
  ): Promise<Result<readonly DomainEvent[]>>;
  countStock(material: string, revision: string, onHand: number, source: string, ctx: CommandContext): Promise<Result<readonly DomainEvent[]>>;
  scrapUnit(serial: string, reason: string, ctx: CommandContext): Promise<Result<readonly DomainEvent[]>>;
  consumeLot(
    serial: string,
    scan: { workCenter: string; material: string; revision: string; lot: string; quantity?: number },
    ctx: CommandContext,
  ): Promise<Result<readonly DomainEvent[]>>;
  importMessage(
    orders: readonly CreateOrderRequest[],
    materials: readonly MaterialDefinition[],
    ctx: CommandContext,
    products?: readonly ProductDefinition[],
  ): Promise<Result<{ received: string[]; unchanged: string[]; materials: number; products: number }>>;
}

export interface QueriesPort {
  line(): LineView;
  orders(filter: 'open' | 'all'): OrderView[];
  order(number: string): OrderView | null;
  wip(): WipItem[];
  terminal(workCenter: string): TerminalView | null;
  stock(): StockItem[];
  products(): ProductDefinition[];
  events(after: number, limit: number, stream?: string): EventView[];
}

export interface ReportsPort {
  performance(number: string, format: 'v0600' | 'v7'): { fileName: string; xml: string } | null;
  asBuilt(serial: string): OutputOf<'asBuilt'> | null;
  traceLot(lot: string, material?: string): OutputOf<'traceLot'>;
}

export interface Services {
  readonly accounts: AccountsPort;
  readonly commands: CommandsPort;
  readonly queries: QueriesPort;
  readonly health: () => OutputOf<'health'>;
  readonly connectivity: ConnectivityPort;
  readonly reports: ReportsPort;
  /** The station's clock: a command's time is taken when it enters. */
  readonly now: () => Date;
}

/** What the API needs of the station's connectivity: configuration, live values, alarms, history, machine commands. */
export interface ConnectivityPort {
  config(): ConfigView;
  connections(): ConnectionView[];
  saveConnection(c: ConnectionConfig, ctx: CommandContext): Promise<Result<ConnectionView>>;
  removeConnection(id: string, ctx: CommandContext): Result<{ removed: boolean }>;
  testConnection(c: ConnectionConfig): Promise<{ ok: boolean; message: string; milliseconds: number }>;
  browse(id: string, address: string | null): Promise<Result<BrowseNodeView[]>>;
  readTags(tags: readonly TagRef[]): Promise<TagValueView[]>;
  certificates(id: string): Promise<Result<CertificateView[]>>;
  certificateAction(id: string, thumbprint: string, action: 'trust' | 'reject' | 'remove'): Promise<Result<CertificateView[]>>;
  saveSection(section: 'mapping' | 'alarms' | 'historian', value: unknown, ctx: CommandContext): Result<ConfigView>;
  alarms(scope: 'current' | 'all'): AlarmSummary;
  alarmAction(req: { id: string; action: 'acknowledge' | 'shelve' | 'unshelve'; comment?: string; until?: string; reason?: string }, ctx: CommandContext): Promise<Result<AlarmView>>;
  history(ref: TagRef, from: string, to: string, maxPoints: number): HistorySeries;
  stateHistory(workCenter: string, from: string, to: string): StateInterval[];
  command(workCenter: string, command: PackMLCommand, ctx: CommandContext): Promise<Result<{ workCenter: string; command: string; from: string; to: string }>>;
}
