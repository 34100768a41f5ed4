export { createDispatcher, describeIssues, httpStatusOf, type Dispatch } from './dispatcher';
export { BodyRefused, bearer, bodyRule, readJson, refuseUnread, send } from './http-io';
export { startHttpServer, type HttpOptions } from './http-server';
export { LiveStream, type StreamAuth, type StreamPeer, type StreamSession, type TagSink, type TagWatchPort } from './live-stream';
export { openApiDocument } from './openapi';
export type { Services, ConnectivityPort } from './ports';
export { openApiPaths } from './openapi';
export { matchRoute, routesOf, type Route } from './routes';
export { serveStatic } from './static-files';
