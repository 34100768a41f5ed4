import type {
  CreateOrderRequest,
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
} from '../../core';

/** What the API needs of the station: interfaces, so the API depends on no station module (STYLE.md §7). */
export interface AccountsPort {
  signIn(username: string, password: string): Result<Session>;
  signOut(token: string | null | undefined): boolean;
  authenticate(token: string | null | undefined): Result<UserView>;
}

export interface CommandsPort {
  receiveOrder(req: CreateOrderRequest, actor: string): Promise<Result<readonly DomainEvent[]>>;
  orderAction(req: OrderActionRequest, actor: string): Promise<Result<readonly DomainEvent[]>>;
}

export interface QueriesPort {
  line(): LineView;
  orders(filter: 'open' | 'all'): OrderView[];
  order(number: string): OrderView | null;
  wip(): WipItem[];
  events(after: number, limit: number, stream?: string): EventView[];
}

export interface Services {
  readonly accounts: AccountsPort;
  readonly commands: CommandsPort;
  readonly queries: QueriesPort;
  readonly health: () => OutputOf<'health'>;
}
