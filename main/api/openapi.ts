import { z } from 'zod';
import { API_PREFIX, ErrorBody, contract, streamContract, type ApiModule } from '../../core';

/** The paths of an API's OpenAPI document, from its contract: the same schemas the server validates with. */
export function openApiPaths(api: ApiModule): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = z.toJSONSchema(ErrorBody, { io: 'output', unrepresentable: 'any' });
  for (const [name, spec] of Object.entries(api)) {
    const params = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    const input = z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown>; required?: string[] };
    const op: Record<string, unknown> = {
      operationId: name,
      summary: spec.summary,
      security: spec.permission === null ? [] : [{ bearer: [] }],
      parameters: [
        ...params.map((p) => ({ name: p, in: 'path', required: true, schema: input.properties?.[p] ?? { type: 'string' } })),
        ...(spec.method === 'GET'
          ? Object.entries(input.properties ?? {}).map(([p, schema]) => ({ name: p, in: 'query', required: input.required?.includes(p) ?? false, schema }))
          : []),
      ],
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: z.toJSONSchema(spec.output, { io: 'output', unrepresentable: 'any' }) } } },
        400: { description: 'The input is not valid; the message says which field and why', content: { 'application/json': { schema: error } } },
        401: { description: 'Not signed in, or the session ended', content: { 'application/json': { schema: error } } },
        403: { description: 'The signed-in role may not do this', content: { 'application/json': { schema: error } } },
        409: { description: 'Refused in the current state; the message says why', content: { 'application/json': { schema: error } } },
      },
    };
    if (spec.method === 'POST') op.requestBody = { required: true, content: { 'application/json': { schema: input } } };
    const path = API_PREFIX + spec.path;
    paths[path] = { ...(paths[path] ?? {}), [spec.method.toLowerCase()]: op };
  }
  return paths;
}

/** OpenAPI 3.1 document generated from the contract: the same schemas the station validates with. */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths = openApiPaths(contract);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Control-room MES station API',
      version,
      description: `Commands, queries and a live WebSocket stream at ${streamContract.path} (subprotocols "mes.v1" and "bearer.<token>"; its messages: components.schemas.StreamMessage; what a client may send on it: components.schemas.StreamClientMessage)`,
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      // OpenAPI has no WebSocket operations: the stream's messages are published as a schema.
      schemas: {
        StreamMessage: z.toJSONSchema(streamContract.message, { io: 'output', unrepresentable: 'any' }),
        StreamClientMessage: z.toJSONSchema(streamContract.clientMessage, { io: 'input', unrepresentable: 'any' }),
      },
    },
    paths,
  };
}
