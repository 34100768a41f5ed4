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
  const reader = new XmlReader(input, maxChars, maxElements);
  while (!reader.done) reader.step(Number.POSITIVE_INFINITY);
  return reader.result();
}

/** Gives the caller's loop its turn (a station: setImmediate), between two parts of a long parse. */
export type Pause = () => Promise<void>;

/**
 * parseXml in parts of about `chunkChars` characters, pausing between them: a document of megabytes never holds
 * the caller's loop for more than a part's parse (a few milliseconds). The same tree, warnings and refusals.
 */
export async function parseXmlInParts(
  input: string,
  pause: Pause,
  maxChars: number = XML_LIMITS.maxChars,
  maxElements: number = XML_LIMITS.maxElements,
  chunkChars = 32 * 1024,
): Promise<ParsedXml> {
  const reader = new XmlReader(input, maxChars, maxElements);
  while (!reader.done) {
    reader.step(chunkChars);
    if (!reader.done) await pause();
  }
  return reader.result();
}

/** The document fed to saxes a part at a time; each part ends just after a '>' (never inside a character or a CRLF). */
class XmlReader {
  private readonly xml: string;
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly warnings: string[] = [];
  private readonly stack: XmlElement[] = [];
  private root: XmlElement | undefined;
  private start = { line: 1, column: 1 };
  private elements = 0;
  private fed = 0;
  done = false;

  constructor(
    input: string,
    maxChars: number,
    private readonly maxElements: number,
  ) {
    if (input.length > maxChars) {
      throw new B2mmlRefusal(`The document is ${input.length} characters; the limit is ${maxChars}.`);
    }
    this.xml = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    const parser = this.parser;
    parser.on('doctype', () => {
      // saxes reports the DOCTYPE once it has read it whole; point at where it starts.
      const at = this.xml.indexOf('<!DOCTYPE');
      const before = this.xml.slice(0, Math.max(0, at));
      const where = at < 0 ? this.here() : { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
      throw new B2mmlRefusal('DOCTYPE and entities are not accepted (a B2MML message needs neither).', where);
    });
    parser.on('error', (err) => {
      const message = err.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '');
      if (message.startsWith('unbound namespace prefix')) {
        this.warnings.push(`${message} (line ${parser.line}); that element is not B2MML and is skipped.`);
        return;
      }
      throw new B2mmlRefusal(`The XML is not well-formed: ${message}.`, this.here());
    });
    parser.on('opentagstart', (tag) => {
      this.start = { line: parser.line, column: Math.max(1, parser.column - tag.name.length - 1) };
    });
    parser.on('opentag', (tag) => this.open(tag));
    const onText = (t: string) => {
      const top = this.stack[this.stack.length - 1];
      if (top) top.text += t;
    };
    parser.on('text', onText);
    parser.on('cdata', onText);
    parser.on('closetag', () => {
      this.stack.pop();
    });
  }

  /** Parses about `chars` more characters (the rest of the document if fewer remain); closes the document at its end. */
  step(chars: number): void {
    try {
      const end = this.fed + chars >= this.xml.length ? this.xml.length : this.xml.indexOf('>', this.fed + chars) + 1 || this.xml.length;
      this.parser.write(this.xml.slice(this.fed, end));
      this.fed = end;
      if (end === this.xml.length) {
        this.parser.close();
        this.done = true;
      }
    } catch (err) {
      this.done = true;
      if (err instanceof B2mmlRefusal) throw err;
      throw new B2mmlRefusal(`The XML is not well-formed: ${err instanceof Error ? err.message.replace(/\.$/, '') : String(err)}.`, this.here());
    }
  }

  result(): ParsedXml {
    if (!this.root) throw new B2mmlRefusal('The document has no root element.', this.here());
    return { root: this.root, warnings: this.warnings };
  }

  private here() {
    return { line: this.parser.line, column: this.parser.column + 1 };
  }

  private open(tag: { local?: string; uri?: string; attributes: Record<string, { uri?: string; local?: string; value: string }> }): void {
    this.elements += 1;
    if (this.elements > this.maxElements) throw new B2mmlRefusal(`The document has more than ${this.maxElements.toLocaleString('en')} elements.`, this.start);
    if (this.stack.length >= XML_LIMITS.maxDepth) {
      throw new B2mmlRefusal(`Elements are nested deeper than ${XML_LIMITS.maxDepth} levels.`, this.start);
    }
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if ((a.uri === '' || a.uri === undefined) && a.local !== undefined) attrs[a.local] = a.value;
    }
    const el: XmlElement = { local: tag.local ?? '', ns: tag.uri ?? '', attrs, children: [], text: '', ...this.start };
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push(el);
    else this.root = el;
    this.stack.push(el);
  }
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
