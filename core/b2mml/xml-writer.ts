/**
 * A small XML 1.0 writer for the documents the MES sends out (B2MML performance reports). Pure and runtime-free:
 * the document is described as a tree of plain values and serialized in one pass; nothing is ever concatenated
 * into markup unescaped.
 *
 * - Text and attribute values are escaped: & < > " ' always, and CR (plus TAB and LF in attributes) as character
 *   references, so a parser reads back exactly what was written.
 * - Characters XML 1.0 does not allow (C0 controls other than TAB, LF and CR; U+FFFE and U+FFFF; lone surrogates)
 *   cannot be written even as character references. In text and attribute values they are REPLACED by U+FFFD
 *   (the replacement character), on purpose: the values are operators' free text, lot numbers and names, and one
 *   stray control character must not stop an order's report from reaching ERP. Everything else is kept.
 * - Element and attribute names, namespace prefixes and namespace names come from code, not from data: an invalid
 *   one is a bug and is refused with an XmlWriterError, as is a prefix used without being declared in scope.
 */

/** What can go inside an element: elements and text. null, undefined and false are skipped (optional content). */
export type XmlContent = XmlNode | string | number | null | undefined | false;

export interface XmlNode {
  readonly name: string;
  /** Attribute values; an undefined or null value leaves the attribute out. */
  readonly attributes: Readonly<Record<string, string | number | null | undefined>>;
  /** Namespace declarations on this element: '' is the default namespace, any other key a prefix. */
  readonly namespaces: Readonly<Record<string, string>>;
  readonly content: readonly XmlContent[];
}

export interface XmlElementOptions {
  readonly attributes?: XmlNode['attributes'];
  readonly namespaces?: XmlNode['namespaces'];
}

export interface XmlWriteOptions {
  /** Write `<?xml version="1.0" encoding="UTF-8"?>` first. Default true. */
  readonly declaration?: boolean;
  /**
   * Indentation per level for elements whose content is elements only; '' writes everything on one line.
   * Default two spaces. An element holding any text is written inline (no whitespace is added inside it).
   */
  readonly indent?: string;
}

/** Refusal of something that cannot be written as XML: an invalid name, an undeclared prefix. */
export class XmlWriterError extends Error {
  override readonly name = 'XmlWriterError';
}

/** An element; `content` is one child or a list of them. */
export function xmlElement(name: string, content: XmlContent | readonly XmlContent[] = [], options: XmlElementOptions = {}): XmlNode {
  return {
    name,
    attributes: options.attributes ?? {},
    namespaces: options.namespaces ?? {},
    content: Array.isArray(content) ? content : [content as XmlContent],
  };
}

/** An element holding only text, or nothing (null) when there is no value: for optional B2MML fields. */
export const xmlLeaf = (name: string, value: string | number | null | undefined): XmlNode | null =>
  value === null || value === undefined ? null : xmlElement(name, String(value));

// ---- characters and names (XML 1.0 fifth edition, §2.2 and §2.3; Namespaces in XML 1.0, §3) ----

/** Anything outside Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. With the u flag a
 * lone surrogate is one code point in D800–DFFF, so it matches; a proper pair is an astral code point and does not. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** NameStartChar ranges other than ':' (a QName's colon is handled apart), as [first, last] code points. */
const NAME_START: readonly (readonly [number, number])[] = [
  [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a], [0xc0, 0xd6], [0xd8, 0xf6], [0xf8, 0x2ff], [0x370, 0x37d], [0x37f, 0x1fff],
  [0x200c, 0x200d], [0x2070, 0x218f], [0x2c00, 0x2fef], [0x3001, 0xd7ff], [0xf900, 0xfdcf], [0xfdf0, 0xfffd], [0x10000, 0xeffff],
];
/** NameChar adds these to NameStartChar. */
const NAME_MORE: readonly (readonly [number, number])[] = [[0x2d, 0x2e], [0x30, 0x39], [0xb7, 0xb7], [0x300, 0x36f], [0x203f, 0x2040]];
const inRanges = (cp: number, ranges: readonly (readonly [number, number])[]) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);

/** NCName: an XML Name without colons. Iterates by code point, so a lone surrogate is refused. */
function isNcName(s: string): boolean {
  let first = true;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (!inRanges(cp, NAME_START) && (first || !inRanges(cp, NAME_MORE))) return false;
    first = false;
  }
  return !first;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** The text with every character XML 1.0 does not allow replaced by U+FFFD. */
export const toXmlChars = (s: string): string => s.replace(NOT_XML_CHAR, '\uFFFD');

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#xD;' };
const ATTR_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '\t': '&#x9;', '\n': '&#xA;' };

/** Escaped character data. CR is a reference because a parser turns a literal CR (or CRLF) into LF. */
export const escapeXmlText = (s: string): string => toXmlChars(s).replace(/[&<>"'\r]/g, (c) => TEXT_ESCAPES[c]!);
/** An escaped attribute value (for double quotes). TAB and LF are references too: a parser normalizes them to spaces. */
export const escapeXmlAttribute = (s: string): string => toXmlChars(s).replace(/[&<>"'\r\t\n]/g, (c) => ATTR_ESCAPES[c]!);

/** Splits a QName into prefix and local part, refusing anything that is not one. */
function qname(name: string, what: string): { prefix: string; local: string } {
  const parts = name.split(':');
  const valid = parts.length <= 2 && parts.every((p) => isNcName(p));
  if (!valid) throw new XmlWriterError(`${what} ${JSON.stringify(name)} is not a valid XML name.`);
  return parts.length === 2 ? { prefix: parts[0]!, local: parts[1]! } : { prefix: '', local: parts[0]! };
}

type Scope = ReadonlyMap<string, string>;

function declare(node: XmlNode, outer: Scope): { scope: Scope; markup: string } {
  const entries = Object.entries(node.namespaces);
  if (entries.length === 0) return { scope: outer, markup: '' };
  const scope = new Map(outer);
  let markup = '';
  for (const [prefix, uri] of entries) {
    if (prefix !== '' && !isNcName(prefix)) throw new XmlWriterError(`Namespace prefix ${JSON.stringify(prefix)} is not a valid NCName.`);
    if (toXmlChars(uri) !== uri) throw new XmlWriterError(`Namespace name for prefix ${JSON.stringify(prefix)} holds characters XML does not allow.`);
    if (prefix === 'xmlns' || uri === XMLNS_NS) throw new XmlWriterError('The xmlns prefix and namespace cannot be declared.');
    if ((prefix === 'xml') !== (uri === XML_NS)) throw new XmlWriterError('The xml prefix is bound to its own namespace only.');
    if (prefix !== '' && uri === '') throw new XmlWriterError(`Prefix ${JSON.stringify(prefix)} cannot be undeclared in XML 1.0.`);
    scope.set(prefix, uri);
    markup += ` ${prefix === '' ? 'xmlns' : `xmlns:${prefix}`}="${escapeXmlAttribute(uri)}"`;
  }
  return { scope, markup };
}

function attributes(node: XmlNode, scope: Scope): string {
  let markup = '';
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(node.attributes)) {
    if (value === null || value === undefined) continue;
    const { prefix, local } = qname(name, `Attribute name on <${node.name}>`);
    if (name === 'xmlns' || prefix === 'xmlns') {
      throw new XmlWriterError(`Attribute ${name} on <${node.name}>: declare namespaces with the namespaces option.`);
    }
    const uri = prefix === '' ? '' : scope.get(prefix);
    if (uri === undefined) throw new XmlWriterError(`Attribute ${name} on <${node.name}> uses the undeclared prefix ${prefix}.`);
    const expanded = `{${uri}}${local}`;
    if (seen.has(expanded)) throw new XmlWriterError(`Attribute ${name} appears twice on <${node.name}> (same namespace and local name).`);
    seen.add(expanded);
    markup += ` ${name}="${escapeXmlAttribute(String(value))}"`;
  }
  return markup;
}

function write(node: XmlNode, outer: Scope, depth: number, indent: string, out: string[]): void {
  const { prefix } = qname(node.name, 'Element name');
  const { scope, markup: nsMarkup } = declare(node, outer);
  if (prefix !== '' && !scope.has(prefix)) throw new XmlWriterError(`Element <${node.name}> uses the undeclared prefix ${prefix}.`);
  const open = `<${node.name}${nsMarkup}${attributes(node, scope)}`;
  const content = node.content.filter((c): c is XmlNode | string | number => c !== null && c !== undefined && c !== false);
  const pad = indent.repeat(depth);
  const nl = indent === '' ? '' : '\n';

  if (content.length === 0) {
    out.push(`${pad}${open}/>${nl}`);
    return;
  }
  if (content.some((c) => typeof c !== 'object')) {
    // Mixed or text content: written inline, since any whitespace added here would become part of the text.
    out.push(`${pad}${open}>`);
    for (const c of content) {
      if (typeof c === 'object') write(c, scope, 0, '', out);
      else out.push(escapeXmlText(String(c)));
    }
    out.push(`</${node.name}>${nl}`);
    return;
  }
  out.push(`${pad}${open}>${nl}`);
  for (const c of content) write(c as XmlNode, scope, depth + 1, indent, out);
  out.push(`${pad}</${node.name}>${nl}`);
}

/** Serializes a document with `root` as its root element. Throws XmlWriterError on a name that cannot be written. */
export function writeXml(root: XmlNode, options: XmlWriteOptions = {}): string {
  const indent = options.indent ?? '  ';
  if (!/^[ \t]*$/.test(indent)) throw new XmlWriterError('Indentation may hold only spaces and tabs.');
  const out: string[] = [];
  if (options.declaration ?? true) out.push(`<?xml version="1.0" encoding="UTF-8"?>${indent === '' ? '' : '\n'}`);
  write(root, new Map([['xml', XML_NS]]), 0, indent, out);
  return out.join('');
}
