import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseB2mml } from './index';
import { operationsPerformanceV7, productionPerformanceV0600, type PerformanceInput } from './performance';
import { parseXml, type XmlElement } from './xml';
import { escapeXmlAttribute, escapeXmlText, writeXml, xmlElement as el, xmlLeaf as leaf, XmlWriterError } from './xml-writer';

const bare = { declaration: false, indent: '' } as const;
const one = (name: string, text: string) => writeXml(el(name, text), bare);
/** Depth-first list of element names, the shape a hostile value must not change. */
const shape = (e: XmlElement): string[] => [e.local, ...e.children.flatMap(shape)];
const all = (e: XmlElement, local: string): XmlElement[] => [...(e.local === local ? [e] : []), ...e.children.flatMap((c) => all(c, local))];

describe('XML writer: escaping', () => {
  it('escapes each special character in text', () => {
    assert.equal(one('a', '&'), '<a>&amp;</a>');
    assert.equal(one('a', '<'), '<a>&lt;</a>');
    assert.equal(one('a', '>'), '<a>&gt;</a>');
    assert.equal(one('a', '"'), '<a>&quot;</a>');
    assert.equal(one('a', "'"), '<a>&apos;</a>');
    assert.equal(one('a', 'A&B <c> "d" \'e\' ]]>'), '<a>A&amp;B &lt;c&gt; &quot;d&quot; &apos;e&apos; ]]&gt;</a>');
    // Already-escaped text is text: its & is escaped again, not passed through as an entity.
    assert.equal(one('a', '&amp;&#60;'), '<a>&amp;amp;&amp;#60;</a>');
  });

  it('escapes each special character in attribute values, and whitespace a parser would normalize', () => {
    for (const [c, ref] of [['&', '&amp;'], ['<', '&lt;'], ['>', '&gt;'], ['"', '&quot;'], ["'", '&apos;'], ['\t', '&#x9;'], ['\n', '&#xA;'], ['\r', '&#xD;']]) {
      assert.equal(writeXml(el('a', [], { attributes: { v: `x${c}y` } }), bare), `<a v="x${ref}y"/>`);
    }
    assert.equal(escapeXmlAttribute('" onload="x'), '&quot; onload=&quot;x');
  });

  it('keeps TAB and LF in text, writes CR as a reference so it survives parsing', () => {
    assert.equal(escapeXmlText('a\tb\nc\rd'), 'a\tb\nc&#xD;d');
    const back = parseXml(one('a', 'line 1\r\nline 2\tend')).root;
    assert.equal(back.text, 'line 1\r\nline 2\tend');
  });
});

describe('XML writer: characters XML 1.0 does not allow', () => {
  it('replaces every C0 control other than TAB, LF, CR with U+FFFD, in text and attributes', () => {
    for (let code = 0; code < 0x20; code++) {
      const c = String.fromCharCode(code);
      const allowed = c === '\t' || c === '\n' || c === '\r';
      const text = escapeXmlText(`a${c}b`);
      if (allowed) assert.notEqual(text, 'a\uFFFDb', `U+${code.toString(16)} is allowed`);
      else assert.equal(text, 'a\uFFFDb', `U+${code.toString(16).padStart(4, '0')} in text`);
      if (!allowed) assert.equal(escapeXmlAttribute(`a${c}b`), 'a\uFFFDb', `U+${code.toString(16).padStart(4, '0')} in an attribute`);
    }
  });

  it('replaces U+FFFE, U+FFFF and lone surrogates; keeps surrogate pairs and other characters', () => {
    assert.equal(escapeXmlText('a\uFFFEb\uFFFFc'), 'a\uFFFDb\uFFFDc');
    assert.equal(escapeXmlText('hi \uD800 lo \uDC00 end\uD83D'), 'hi \uFFFD lo \uFFFD end\uFFFD');
    assert.equal(escapeXmlText('\uDC00\uD800'), '\uFFFD\uFFFD', 'a low surrogate before a high one is not a pair');
    assert.equal(escapeXmlText('pump 🔧 Ø25 \u0085 \u007F \uFFFD'), 'pump 🔧 Ø25 \u0085 \u007F \uFFFD');
  });

  it('writes a document the parser accepts whatever the text holds', () => {
    let every = '';
    for (let code = 0; code < 0x80; code++) every += String.fromCharCode(code);
    every += '\uD800\uFFFE\uFFFF😀';
    const xml = writeXml(el('R', [el('T', every)], { attributes: { a: every }, namespaces: { '': 'urn:x' } }));
    const root = parseXml(xml).root;
    const refused = (c: string) => (c < ' ' && !'\t\n\r'.includes(c)) || c === '\uD800' || c === '\uFFFE' || c === '\uFFFF';
    const expected = [...every].map((c) => (refused(c) ? '\uFFFD' : c)).join('');
    assert.equal(root.children[0]?.text, expected);
    assert.equal(root.attrs['a'], expected);
  });
});

describe('XML writer: structure', () => {
  it('keeps an injection attempt in a reason as text', () => {
    const reason = 'bad cut</ID><x>oops</x><ID>';
    const xml = writeXml(el('Scrap', [leaf('ID', 'S-1'), leaf('Reason', reason)], { namespaces: { '': 'urn:example' } }));
    assert.match(xml, /<Reason>bad cut&lt;\/ID&gt;&lt;x&gt;oops&lt;\/x&gt;&lt;ID&gt;<\/Reason>/);
    const root = parseXml(xml).root;
    assert.deepEqual(shape(root), ['Scrap', 'ID', 'Reason']);
    assert.equal(root.children[1]?.text, reason);
  });

  it('indents element-only content, writes text content inline, empty elements self-closed, optional content left out', () => {
    const doc = el('R', [el('A', [leaf('B', 1), leaf('C', null), false, undefined]), el('M', ['x ', el('I', 'y'), ' z']), el('E'), leaf('Empty', '')], {
      namespaces: { '': 'urn:r', p: 'urn:p' },
      attributes: { id: 7, 'p:k': 'v', skipped: undefined },
    });
    assert.equal(
      writeXml(doc),
      '<?xml version="1.0" encoding="UTF-8"?>\n<R xmlns="urn:r" xmlns:p="urn:p" id="7" p:k="v">\n  <A>\n    <B>1</B>\n  </A>\n  <M>x <I>y</I> z</M>\n  <E/>\n  <Empty></Empty>\n</R>\n',
    );
    assert.equal(writeXml(doc, bare), '<R xmlns="urn:r" xmlns:p="urn:p" id="7" p:k="v"><A><B>1</B></A><M>x <I>y</I> z</M><E/><Empty></Empty></R>');
  });

  it('refuses invalid element and attribute names', () => {
    for (const name of ['', '1a', '-a', 'a b', 'a<b', 'a>', 'a/b', 'a"b', 'a&b', 'a=b', 'a:b:c', ':a', 'a:', 'a\u0000', '\uD800']) {
      assert.throws(() => writeXml(el(name)), XmlWriterError, `element ${JSON.stringify(name)}`);
      assert.throws(() => writeXml(el('a', [], { attributes: { [name]: 'v' } })), XmlWriterError, `attribute ${JSON.stringify(name)}`);
    }
    for (const name of ['a', '_a', 'a-b.c_1', 'Größe', 'xml:lang']) assert.doesNotThrow(() => writeXml(el('a', [], { attributes: { [name]: 'v' } })), name);
  });

  it('refuses undeclared prefixes, xmlns as an attribute, bad declarations and duplicate attributes', () => {
    assert.throws(() => writeXml(el('p:a')), /undeclared prefix p/);
    assert.throws(() => writeXml(el('a', [], { attributes: { 'q:b': '1' } })), /undeclared prefix q/);
    assert.throws(() => writeXml(el('a', [], { attributes: { xmlns: 'urn:x' } })), /namespaces option/);
    assert.throws(() => writeXml(el('a', [], { attributes: { 'xmlns:p': 'urn:x' } })), /namespaces option/);
    assert.throws(() => writeXml(el('a', [], { namespaces: { '1p': 'urn:x' } })), /not a valid NCName/);
    assert.throws(() => writeXml(el('a', [], { namespaces: { p: '' } })), /cannot be undeclared/);
    assert.throws(() => writeXml(el('a', [], { namespaces: { xmlns: 'urn:x' } })), /xmlns prefix/);
    assert.throws(() => writeXml(el('a', [], { namespaces: { '': 'urn:\u0001' } })), /characters XML does not allow/);
    assert.throws(() => writeXml(el('a', [], { namespaces: { p: 'urn:x', q: 'urn:x' }, attributes: { 'p:k': 1, 'q:k': 2 } })), /appears twice/);
    // A prefix declared on an ancestor is in scope; the attribute value of a declaration is escaped.
    const xml = writeXml(el('a', [el('p:b', [], { attributes: { 'p:c': '1' } })], { namespaces: { p: 'urn:x?a=1&b="2"' } }), bare);
    assert.equal(xml, '<a xmlns:p="urn:x?a=1&amp;b=&quot;2&quot;"><p:b p:c="1"/></a>');
    assert.equal(parseXml(xml).root.children[0]?.ns, 'urn:x?a=1&b="2"');
  });
});

const ORDER: PerformanceInput = {
  order: { number: 'PO-9001', product: 'VALVE-25', revision: 'C', status: 'completed' },
  publishedAt: '2026-11-27T16:05:00.000Z',
  start: '2026-11-27T08:00:00.000Z',
  end: '2026-11-27T16:00:00.000Z',
  good: 4,
  scrapped: 1,
  unitOfMeasure: 'ea',
  operations: [
    {
      seq: 10, name: 'Press body & seat', workCenter: 'WC10', start: '2026-11-27T08:00:00.000Z', end: '2026-11-27T10:00:00.000Z', passed: 5, failed: 0,
      consumed: [{ material: 'SEAT-25', quantity: 5, lot: 'ST-12' }, { material: 'BODY-25', quantity: 5 }],
    },
    { seq: 20, name: 'Leak test', workCenter: 'WC20', start: null, end: '2026-11-27T16:00:00.000Z', passed: 4, failed: 1, consumed: [] },
  ],
};

describe('performance documents written with the XML writer', () => {
  // Both documents exactly as the string-concatenating builder wrote them for this order before the writer.
  it('V0600 ProductionPerformance is unchanged for an ordinary order', () => {
    assert.equal(productionPerformanceV0600(ORDER), V0600_BEFORE);
  });

  it('V7 OperationsPerformance is unchanged for an ordinary order', () => {
    assert.equal(operationsPerformanceV7(ORDER), V7_BEFORE);
  });

  it('an order with no operations yet still writes a well-formed report', () => {
    const open = { ...ORDER, order: { ...ORDER.order, status: 'in_progress' }, start: null, end: null, operations: [] };
    const root = parseXml(operationsPerformanceV7(open)).root;
    assert.deepEqual(shape(root), ['OperationsPerformance', 'ID', 'PublishedDate', 'OperationsType', 'OperationsResponse', 'ID', 'OperationsType', 'OperationsRequestID', 'ResponseState']);
    assert.equal(all(root, 'ResponseState')[0]?.text, 'Running');
  });

  it('hostile names, lots and free text stay text and the report parses back with the B2MML parser', () => {
    const reason = 'bad cut</Description><x>injected</x><Description>';
    const lot = 'LOT\u0000-1"/><MaterialLotID>';
    const hostile: PerformanceInput = {
      ...ORDER,
      order: { ...ORDER.order, number: "PO-'9001'&<", product: 'VALVE]]>\u001B[31m' },
      operations: [
        { ...ORDER.operations[0]!, name: reason, workCenter: 'WC\uFFFF10', consumed: [{ material: 'SEAT-25<!--', quantity: 5, lot }, { material: 'BODY-25', quantity: 5 }] },
        { ...ORDER.operations[1]!, name: 'Leak\r\ntest\u0007\uD800' },
      ],
    };
    for (const [write, ns, response] of [
      [productionPerformanceV0600, 'http://www.mesa.org/xml/B2MML-V0600', 'ProductionResponse'],
      [operationsPerformanceV7, 'http://www.mesa.org/xml/B2MML', 'OperationsResponse'],
    ] as const) {
      const xml = write(hostile);
      const { root, warnings } = parseXml(xml);
      assert.deepEqual(warnings, []);
      assert.equal(root.ns, ns);
      // The same elements as the ordinary order: nothing was injected, nothing closed early.
      assert.deepEqual(shape(root), shape(parseXml(write(ORDER)).root));
      assert.equal(all(root, response).length, 1);
      assert.equal(all(root, 'x').length, 0);
      const descriptions = all(root, 'Description').map((d) => d.text);
      assert.deepEqual(descriptions, [reason, 'Leak\r\ntest\uFFFD\uFFFD']);
      assert.deepEqual(all(root, 'MaterialLotID').map((d) => d.text), ['LOT\uFFFD-1"/><MaterialLotID>']);
      assert.equal(all(root, 'ProcessSegmentID')[0]?.text, 'WC\uFFFD10');
      assert.ok(all(root, 'MaterialDefinitionID').some((d) => d.text === 'VALVE]]>\uFFFD[31m'));
      assert.ok(all(root, 'MaterialDefinitionID').some((d) => d.text === 'SEAT-25<!--'));
      assert.ok(all(root, 'ID').some((d) => d.text === "PO-'9001'&<"));
      // The project's B2MML intake reads it as a performance report (well-formed, right namespace) and says why it is not taken in.
      const intake = parseB2mml(xml);
      assert.ok(!intake.ok);
      assert.match(intake.error.message, /Performance is reported by the MES, not imported/);
    }
  });
});

const V0600_BEFORE = `<?xml version="1.0" encoding="UTF-8"?>
<ProductionPerformance xmlns="http://www.mesa.org/xml/B2MML-V0600">
  <ID>PP-PO-9001</ID>
  <PublishedDate>2026-11-27T16:05:00.000Z</PublishedDate>
  <StartTime>2026-11-27T08:00:00.000Z</StartTime>
  <EndTime>2026-11-27T16:00:00.000Z</EndTime>
  <ProductionResponse>
    <ID>PO-9001</ID>
    <ProductionRequestID>PO-9001</ProductionRequestID>
    <StartTime>2026-11-27T08:00:00.000Z</StartTime>
    <EndTime>2026-11-27T16:00:00.000Z</EndTime>
    <SegmentResponse>
      <ID>10</ID>
      <ProcessSegmentID>WC10</ProcessSegmentID>
      <Description>Press body &amp; seat</Description>
      <ActualStartTime>2026-11-27T08:00:00.000Z</ActualStartTime>
      <ActualEndTime>2026-11-27T10:00:00.000Z</ActualEndTime>
      <MaterialConsumedActual>
        <MaterialDefinitionID>SEAT-25</MaterialDefinitionID>
        <MaterialLotID>ST-12</MaterialLotID>
        <Quantity>
          <QuantityString>5</QuantityString>
          <DataType>integer</DataType>
          <UnitOfMeasure>ea</UnitOfMeasure>
        </Quantity>
      </MaterialConsumedActual>
      <MaterialConsumedActual>
        <MaterialDefinitionID>BODY-25</MaterialDefinitionID>
        <Quantity>
          <QuantityString>5</QuantityString>
          <DataType>integer</DataType>
          <UnitOfMeasure>ea</UnitOfMeasure>
        </Quantity>
      </MaterialConsumedActual>
    </SegmentResponse>
    <SegmentResponse>
      <ID>20</ID>
      <ProcessSegmentID>WC20</ProcessSegmentID>
      <Description>Leak test</Description>
      <ActualEndTime>2026-11-27T16:00:00.000Z</ActualEndTime>
      <MaterialProducedActual>
        <MaterialDefinitionID>VALVE-25</MaterialDefinitionID>
        <Quantity>
          <QuantityString>4</QuantityString>
          <DataType>integer</DataType>
          <UnitOfMeasure>ea</UnitOfMeasure>
          <Key>Good</Key>
        </Quantity>
        <Quantity>
          <QuantityString>1</QuantityString>
          <DataType>integer</DataType>
          <UnitOfMeasure>ea</UnitOfMeasure>
          <Key>Scrap</Key>
        </Quantity>
      </MaterialProducedActual>
    </SegmentResponse>
    <ResponseState>Completed</ResponseState>
  </ProductionResponse>
</ProductionPerformance>
`;

const V7_BEFORE = `<?xml version="1.0" encoding="UTF-8"?>
<OperationsPerformance xmlns="http://www.mesa.org/xml/B2MML">
  <ID>OP-PO-9001</ID>
  <PublishedDate>2026-11-27T16:05:00.000Z</PublishedDate>
  <StartTime>2026-11-27T08:00:00.000Z</StartTime>
  <Endtime>2026-11-27T16:00:00.000Z</Endtime>
  <OperationsType>Production</OperationsType>
  <OperationsResponse>
    <ID>PO-9001</ID>
    <StartTime>2026-11-27T08:00:00.000Z</StartTime>
    <EndTime>2026-11-27T16:00:00.000Z</EndTime>
    <OperationsType>Production</OperationsType>
    <OperationsRequestID>PO-9001</OperationsRequestID>
    <ResponseState>Completed</ResponseState>
    <SegmentResponse>
      <ID>10</ID>
      <Description>Press body &amp; seat</Description>
      <ActualStartTime>2026-11-27T08:00:00.000Z</ActualStartTime>
      <ActualEndTime>2026-11-27T10:00:00.000Z</ActualEndTime>
      <OperationsType>Production</OperationsType>
      <ProcessSegmentID>WC10</ProcessSegmentID>
      <OperationsRequestID>PO-9001</OperationsRequestID>
      <MaterialActual>
        <MaterialDefinitionID>SEAT-25</MaterialDefinitionID>
        <MaterialLotID>ST-12</MaterialLotID>
        <MaterialUse>Consumed</MaterialUse>
        <Quantity>
          <QuantityString>5</QuantityString>
          <DataType>integer</DataType>
          <UnitOfMeasure>ea</UnitOfMeasure>
        </Quantity>
      </MaterialActual>
      <MaterialActual>
        <MaterialDefinitionID>BODY-25</MaterialDefinitionID>
        <MaterialUse>Consumed</MaterialUse>
        <Quantity>
          <QuantityString>5</QuantityString>
          <DataType>integer</DataType>
          <UnitOfMeasure>ea</UnitOfMeasure>
        </Quantity>
      </MaterialActual>
    </SegmentResponse>
    <SegmentResponse>
      <ID>20</ID>
      <Description>Leak test</Description>
      <ActualEndTime>2026-11-27T16:00:00.000Z</ActualEndTime>
      <OperationsType>Production</OperationsType>
      <ProcessSegmentID>WC20</ProcessSegmentID>
      <OperationsRequestID>PO-9001</OperationsRequestID>
      <MaterialActual>
        <MaterialDefinitionID>VALVE-25</MaterialDefinitionID>
        <MaterialUse>Produced</MaterialUse>
        <Quantity>
          <QuantityString>4</QuantityString>
          <DataType>integer</DataType>
          <UnitOfMeasure>ea</UnitOfMeasure>
          <Key>Good</Key>
        </Quantity>
      </MaterialActual>
      <MaterialActual>
        <MaterialDefinitionID>VALVE-25</MaterialDefinitionID>
        <MaterialUse>Produced</MaterialUse>
        <Quantity>
          <QuantityString>1</QuantityString>
          <DataType>integer</DataType>
          <UnitOfMeasure>ea</UnitOfMeasure>
          <Key>Scrap</Key>
        </Quantity>
      </MaterialActual>
    </SegmentResponse>
  </OperationsResponse>
</OperationsPerformance>
`;
