import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_PREFIX, contract, streamContract } from '../../core';
import { openApiDocument } from './openapi';

test('the OpenAPI document has every operation of every module at its path and method, and the stream\'s messages', () => {
  const doc = openApiDocument('test') as {
    paths: Record<string, Record<string, { operationId: string; security: unknown[] }>>;
    components: { schemas: Record<string, { oneOf?: unknown[] }> };
  };
  const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, o]) => `${o.operationId} ${method.toUpperCase()} ${path}`));
  const declared = Object.entries(contract).map(([name, spec]) => `${name} ${spec.method} ${API_PREFIX}${spec.path}`);
  assert.deepEqual(documented.sort(), declared.sort());
  assert.deepEqual(doc.paths[`${API_PREFIX}/health`]?.get?.security, []);
  assert.equal(doc.components.schemas.StreamMessage?.oneOf?.length, streamContract.message.options.length);
  assert.equal(doc.components.schemas.StreamClientMessage?.oneOf?.length, streamContract.clientMessage.options.length);
});
