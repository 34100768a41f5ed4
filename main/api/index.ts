export { createDispatcher, httpStatusOf, type Dispatch } from './dispatcher';
export { startHttpServer, type HttpOptions } from './http-server';
export { LiveStream } from './live-stream';
export { openApiDocument } from './openapi';
export type { Services, AccountsPort, CommandsPort, ConnectivityPort, QueriesPort } from './ports';
