import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseB2mml } from './index';

const NS = 'http://www.mesa.org/xml/B2MML-V0600';

/** One ProductionRequest on 12 lines; request i starts on line 3 + 12·(i−1), its QuantityString on line +8. */
function request(id: string, qty: string, product = 'P-1', priority = '') {
  return [
    '  <ProductionRequest>',
    `    <ID>${id}</ID>`,
    '    <EndTime>2026-12-01T00:00:00Z</EndTime>',
    priority === '' ? '    <!-- no priority -->' : `    <Priority>${priority}</Priority>`,
    '    <SegmentRequirement>',
    '      <MaterialProducedRequirement>',
    `        <MaterialDefinitionID>${product}</MaterialDefinitionID>`,
    '        <Quantity>',
    `          <QuantityString>${qty}</QuantityString>`,
    '        </Quantity>',
    '      </MaterialProducedRequirement>',
    '    </SegmentRequirement>',
    '  </ProductionRequest>',
  ].join('\n');
}
const schedule = (...requests: string[]) =>
  `<?xml version="1.0"?>\n<ProductionSchedule xmlns="${NS}">\n${requests.join('\n')}\n</ProductionSchedule>\n`;

function refused(xml: string, reason: RegExp, line?: number, options = {}) {
  const r = parseB2mml(xml, options);
  if (r.ok) assert.fail(`expected a refusal matching ${reason}`);
  assert.equal(r.error.code, 'b2mml_invalid');
  assert.match(r.error.message, reason);
  if (line !== undefined) {
    assert.equal(r.error.details?.['line'], line, r.error.message);
    assert.match(r.error.message, new RegExp(`\\(line ${line}, column \\d+\\)`));
  }
  return r.error;
}

describe('hostile and broken B2MML', () => {
  it('a well-formed baseline imports', () => {
    const r = parseB2mml(schedule(request('A-1', '10', 'P-1', '3'), request('A-2', '2.0E1')));
    assert.ok(r.ok);
    assert.deepEqual(r.value.orders.map((o) => [o.number, o.quantity, o.priority]), [['A-1', 10, 3], ['A-2', 20, 5]]);
  });

  it('refuses a DOCTYPE with an external entity (XXE)', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE ProductionSchedule [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n<ProductionSchedule xmlns="${NS}"><ID>&xxe;</ID></ProductionSchedule>`;
    refused(xxe, /DOCTYPE and entities are not accepted/, 2);
  });

  it('refuses billion laughs', () => {
    const lol = [`<?xml version="1.0"?>`, '<!DOCTYPE lolz [', ' <!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) lol.push(` <!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    lol.push(']>', `<ProductionSchedule xmlns="${NS}"><ID>&lol9;</ID></ProductionSchedule>`);
    refused(lol.join('\n'), /DOCTYPE and entities are not accepted/, 2);
  });

  it('refuses an undefined entity', () => {
    refused(`<ProductionSchedule xmlns="${NS}">\n  <ID>&nope;</ID>\n</ProductionSchedule>`, /not well-formed: undefined entity/, 2);
  });

  it('refuses a truncated document', () => {
    const xml = schedule(request('A-1', '10'));
    refused(xml.slice(0, xml.indexOf('</SegmentRequirement>')), /not well-formed: unclosed tag/);
  });

  it('refuses a wrong namespace, naming root and namespace', () => {
    refused(`<ProductionSchedule xmlns="urn:example:not-b2mml">\n</ProductionSchedule>`,
      /<ProductionSchedule> in namespace "urn:example:not-b2mml" is not B2MML/, 1);
    refused(`<Foo xmlns="${NS}"/>`, /Foo \(B2MML V0600\) is not imported/, 1);
  });

  it('refuses huge, negative, fractional and non-numeric quantities, saying where', () => {
    refused(schedule(request('A-1', '1E9')), /ProductionRequest\[1\]\/SegmentRequirement\/MaterialProducedRequirement\/Quantity\/QuantityString: Quantity "1E9" exceeds the maximum of 100000/, 11);
    refused(schedule(request('A-1', '5'), request('A-2', '-3')), /ProductionRequest\[2\].*Quantity "-3" must be at least 1/, 24);
    refused(schedule(request('A-1', '2.5')), /Quantity "2.5" is not a whole number/, 11);
    const e = refused(schedule(request('A-1', '1'), request('A-2', 'abc')), /Quantity "abc" is not a number \(line 24, column 11\)/, 24);
    assert.equal(e.details?.['column'], 11);
  });

  it('refuses duplicate order numbers that disagree, keeps exact repeats once', () => {
    refused(schedule(request('A-1', '10'), request('A-1', '11')), /ProductionRequest\[2\]: order A-1 appears twice with different content \(first at line 3\)/, 16);
    const r = parseB2mml(schedule(request('A-1', '10'), request('A-1 ', '10')));
    assert.ok(r.ok);
    assert.equal(r.value.orders.length, 1);
  });

  it('refuses the whole message when one order is invalid', () => {
    refused(schedule(request('A-1', '10'), request('A-2', '10', 'P-1', '12')), /ProductionRequest\[2\]\/Priority: Priority "12" is not a whole number from 1 to 9/, 19);
  });

  it('refuses a missing ID and an oversized or too-deep document', () => {
    refused(schedule(request('', '10')), /ProductionRequest\[1\]: the required ID is missing/, 3);
    refused(schedule(request('A-1', '10')), /the limit is 100/, undefined, { maxChars: 100 });
    const deep = `<ProductionSchedule xmlns="${NS}">${'<Any>'.repeat(100)}${'</Any>'.repeat(100)}</ProductionSchedule>`;
    refused(deep, /nested deeper than 64 levels/, 1);
  });

  it('refuses BOD verbs that are not an intake and Sync with actionCode Delete', () => {
    const bod = (verb: string, inner = '') =>
      `<${verb}ProductionSchedule releaseID="6.0" xmlns="${NS}">\n<ApplicationArea><CreationDateTime>2026-01-01T00:00:00Z</CreationDateTime></ApplicationArea>\n<DataArea>\n<${verb}>${inner}</${verb}>\n${schedule(request('A-1', '1')).replace(/^<\?xml[^>]*>\n/, '')}</DataArea></${verb}ProductionSchedule>`;
    refused(bod('Cancel'), /the verb Cancel is not an intake/, 1);
    refused(bod('Sync', '<ActionCriteria><ActionExpression actionCode="Delete"/></ActionCriteria>'), /actionCode "Delete" is not an intake/, 4);
    const r = parseB2mml(bod('Sync'));
    assert.ok(r.ok && r.value.verb === 'Sync' && r.value.orders[0]?.number === 'A-1');
  });
  it('a document with more elements than the cap is refused, saying so', () => {
    const xml = `<ProductionSchedule xmlns="${NS}">${'<Description/>'.repeat(101)}</ProductionSchedule>`;
    const r = parseB2mml(xml, { maxElements: 100 });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error.message, /more than 100 elements/);
  });
});
