import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseB2mml, parseB2mmlInParts } from './index';

// A station reads large ERP messages in parts, giving its loop a turn between them: the answer must be the one
// parseB2mml gives for the whole text, refusals and the places they name included, wherever the parts are cut.
const FIXTURES = fileURLToPath(new URL('../../tests/fixtures/', import.meta.url));
const xmlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? xmlFiles(join(dir, e.name)) : e.name.endsWith('.xml') ? [join(dir, e.name)] : []));

const NS = 'http://www.mesa.org/xml/B2MML-V0600';
const order = (i: number) =>
  `<ProductionRequest><ID>P-${i}</ID><EndTime>2026-12-01T00:00:00Z</EndTime><SegmentRequirement><MaterialProducedRequirement>` +
  `<MaterialDefinitionID>VLV-100</MaterialDefinitionID><Quantity><QuantityString>${i}</QuantityString></Quantity></MaterialProducedRequirement></SegmentRequirement></ProductionRequest>\r\n`;
const schedule = (n: number, extra = '') => `<?xml version="1.0"?>\n<ProductionSchedule xmlns="${NS}">\n<ID>S</ID>${Array.from({ length: n }, (_, i) => order(i + 1)).join('')}${extra}</ProductionSchedule>\n`;

const BROKEN: Record<string, string> = {
  doctype: `<?xml version="1.0"?>\n<!DOCTYPE x [\n <!ENTITY e "e">\n]>\n<ProductionSchedule xmlns="${NS}"><ID>&e;</ID></ProductionSchedule>`,
  'undefined entity': schedule(40, '<ID>&nope;</ID>'),
  truncated: schedule(40).slice(0, -60),
  'wrong namespace': schedule(3).replace(NS, 'urn:not-b2mml'),
  'bad quantity': schedule(60).replace('<QuantityString>33</QuantityString>', '<QuantityString>-3</QuantityString>'),
  'no root': '<?xml version="1.0"?>\n',
  'non-BMP text': schedule(30).replace('<ID>S</ID>', '<ID>S 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ünïcödé</ID>'),
};

async function inParts(xml: string, partChars: number) {
  let pauses = 0;
  const r = await parseB2mmlInParts(xml, () => new Promise<void>((resolve) => setImmediate(() => ((pauses += 1), resolve()))), {}, partChars);
  return { r, pauses };
}

describe('B2MML read in parts', () => {
  it('gives the same answer as a whole read for every fixture, however the parts are cut', async () => {
    const files = xmlFiles(FIXTURES);
    assert.ok(files.length >= 5, `fixtures found: ${files.length}`);
    for (const file of files) {
      const xml = readFileSync(file, 'utf8');
      for (const part of [1, 7, 100, 4096]) assert.deepEqual((await inParts(xml, part)).r, parseB2mml(xml), `${file} in parts of ${part}`);
    }
  });

  it('refuses broken and hostile documents as a whole read does, naming the same place', async () => {
    for (const [name, xml] of Object.entries(BROKEN)) {
      const whole = parseB2mml(xml);
      for (const part of [1, 13, 500]) assert.deepEqual((await inParts(xml, part)).r, whole, `${name} in parts of ${part}`);
    }
    assert.equal(parseB2mml(BROKEN['bad quantity']!).ok, false);
    assert.equal(parseB2mml(BROKEN['non-BMP text']!).ok, true);
  });

  it('pauses between parts: a large schedule is read in many turns of the loop', async () => {
    const xml = schedule(2000);
    const { r, pauses } = await inParts(xml, 32 * 1024);
    assert.ok(r.ok);
    assert.equal(r.value.orders.length, 2000);
    assert.ok(pauses >= Math.floor(xml.length / (32 * 1024)) - 1, `${pauses} pauses for ${xml.length} characters`);
  });
});
