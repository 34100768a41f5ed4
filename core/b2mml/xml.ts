import { SaxesParser } from 'saxes';

/** One XML element with where it starts in the document (1-based line and column of its '<'). */
export interface XmlElement {
  readonly local: string;
  readonly ns: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
  readonly line: number;
  readonly column: number;
}

/** A refusal with the place it refers to; turned into an AppError at the module's face. */
export class B2mmlRefusal extends Error {
  constructor(
    message: string,
    readonly where: { line?: number; column?: number; element?: string } = {},
  ) {
    super(message);
  }
}

export const XML_LIMITS = {
  /** Larger documents are refused before parsing: a schedule is kilobytes, not hundreds of megabytes. */
  maxChars: 50 * 1024 * 1024,
  /** Real B2MML nests about a dozen levels; hundreds means a hostile or broken document. */
  maxDepth: 64,
  /** A schedule of 10,000 orders has about 250,000 elements; millions means a hostile or broken document. */
  maxElements: 2_000_000,
} as const;

export interface ParsedXml {
  readonly root: XmlElement;
  readonly warnings: string[];
}

/**
 * Parses with saxes (strict, namespace-aware) into a small tree.
 * Any DOCTYPE is refused, so no entity can ever be declared: the only entities left are the five XML ones and
 * character references; an undefined entity is a saxes error and refuses the document.
 * An undeclared namespace prefix is tolerated with a warning: MTConnect asset fragments use `b:` without declaring
 * it, and such an element can never be a B2MML element (its namespace is unknown), so nothing is read from it.
 */
export function parseXml(input: string, maxChars: number = XML_LIMITS.maxChars, maxElements: number = XML_LIMITS.maxElements): ParsedXml {
  if (input.length > maxChars) {
    throw new B2mmlRefusal(`The document is ${input.length} characters; the limit is ${maxChars}.`);
  }
  const xml = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const parser = new SaxesParser({ xmlns: true, position: true });
  const warnings: string[] = [];
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let start = { line: 1, column: 1 };
  const here = () => ({ line: parser.line, column: parser.column + 1 });

  parser.on('doctype', () => {
    // saxes reports the DOCTYPE once it has read it whole; point at where it starts.
    const at = xml.indexOf('<!DOCTYPE');
    const before = xml.slice(0, Math.max(0, at));
    const where = at < 0 ? here() : { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
    throw new B2mmlRefusal('DOCTYPE and entities are not accepted (a B2MML message needs neither).', where);
  });
  parser.on('error', (err) => {
    const message = err.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '');
    if (message.startsWith('unbound namespace prefix')) {
      warnings.push(`${message} (line ${parser.line}); that element is not B2MML and is skipped.`);
      return;
    }
    throw new B2mmlRefusal(`The XML is not well-formed: ${message}.`, here());
  });
  parser.on('opentagstart', (tag) => {
    start = { line: parser.line, column: Math.max(1, parser.column - tag.name.length - 1) };
  });
  let elements = 0;
  parser.on('opentag', (tag) => {
    elements += 1;
    if (elements > maxElements) throw new B2mmlRefusal(`The document has more than ${maxElements.toLocaleString('en')} elements.`, start);
    if (stack.length >= XML_LIMITS.maxDepth) {
      throw new B2mmlRefusal(`Elements are nested deeper than ${XML_LIMITS.maxDepth} levels.`, start);
    }
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.uri === '' || a.uri === undefined) attrs[a.local] = a.value;
    }
    const el: XmlElement = { local: tag.local, ns: tag.uri ?? '', attrs, children: [], text: '', ...start };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  const onText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    stack.pop();
  });

  try {
    parser.write(xml).close();
  } catch (err) {
    if (err instanceof B2mmlRefusal) throw err;
    throw new B2mmlRefusal(`The XML is not well-formed: ${err instanceof Error ? err.message.replace(/\.$/, '') : String(err)}.`, here());
  }
  if (!root) throw new B2mmlRefusal('The document has no root element.', here());
  return { root, warnings };
}

// ---- small readers over the tree ----

export const childrenNamed = (el: XmlElement, local: string): XmlElement[] =>
  el.children.filter((c) => c.local === local && c.ns === el.ns);

export const childNamed = (el: XmlElement, local: string): XmlElement | undefined =>
  el.children.find((c) => c.local === local && c.ns === el.ns);

/** Text of a child element, trimmed (ids arrive with trailing spaces); undefined when absent or empty. */
export function childText(el: XmlElement, local: string): string | undefined {
  const c = childNamed(el, local);
  const t = c?.text.trim();
  return t === undefined || t === '' ? undefined : t;
}

export const refuseAt = (el: XmlElement, path: string, message: string): B2mmlRefusal =>
  new B2mmlRefusal(`${path}: ${message} (line ${el.line}, column ${el.column})`, {
    line: el.line,
    column: el.column,
    element: path,
  });
