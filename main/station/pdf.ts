/**
 * A plain-text PDF (PDF 1.4): landscape A4 pages of monospaced lines, long lines wrapped, with a header and page
 * numbers on every page. Enough for an audit report an auditor prints or files; no dependency, every byte ours.
 * Text is written in WinAnsiEncoding: characters it lacks become '?'.
 */
export interface PdfText {
  readonly title: string;
  /** On every page under the title (the station, when it was made). */
  readonly subtitle: string;
  readonly lines: readonly string[];
}

const PAGE_W = 842;
const PAGE_H = 595;
const MARGIN = 36;
const SIZE = 7.5;
const LEADING = 9.5;
// Courier's glyphs are 0.6 em wide.
const COLUMNS = Math.floor((PAGE_W - 2 * MARGIN) / (SIZE * 0.6));
const ROWS = Math.floor((PAGE_H - 2 * MARGIN - 3 * LEADING) / LEADING);

// Characters outside Latin-1 that WinAnsiEncoding has, at their codes.
const WIN_ANSI: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '™': 0x99 };

function encode(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 63;
    const b = WIN_ANSI[ch] ?? (code >= 0x20 && code <= 0xff && !(code >= 0x7f && code < 0xa0) ? code : 63);
    // Escaped in a PDF string: backslash and parentheses.
    if (b === 0x5c || b === 0x28 || b === 0x29) bytes.push(0x5c);
    bytes.push(b);
  }
  return Buffer.from(bytes);
}

/** Lines cut to the page's width (at a space where there is one), continuation lines indented. */
export function wrap(line: string, columns = COLUMNS): string[] {
  const out: string[] = [];
  let rest = line.replace(/\t/g, '  ');
  let first = true;
  while ([...rest].length > columns) {
    const width = first ? columns : columns - 4;
    let cut = rest.lastIndexOf(' ', width);
    if (cut < width / 2) cut = width;
    out.push((first ? '' : '    ') + rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
    first = false;
  }
  out.push((first ? '' : '    ') + rest);
  return out;
}

export function textPdf(doc: PdfText): Buffer {
  const rows = doc.lines.flatMap((l) => wrap(l));
  const pages: string[][] = [];
  for (let i = 0; i < Math.max(rows.length, 1); i += ROWS) pages.push(rows.slice(i, i + ROWS));

  const objects: Buffer[] = [];
  const add = (body: Buffer | string): number => {
    objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
    return objects.length;
  };
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>');
  const bold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  pages.forEach((page, p) => {
    const parts: Buffer[] = [Buffer.from(`BT /F2 10 Tf ${MARGIN} ${PAGE_H - MARGIN} Td (`, 'latin1'), encode(doc.title), Buffer.from(') Tj ET\n', 'latin1')];
    const sub = `${doc.subtitle} · page ${p + 1} of ${pages.length}`;
    parts.push(Buffer.from(`BT /F1 ${SIZE} Tf ${MARGIN} ${PAGE_H - MARGIN - 1.5 * LEADING} Td (`, 'latin1'), encode(sub), Buffer.from(') Tj ET\n', 'latin1'));
    parts.push(Buffer.from(`BT /F1 ${SIZE} Tf ${LEADING} TL ${MARGIN} ${PAGE_H - MARGIN - 3.5 * LEADING} Td\n`, 'latin1'));
    for (const line of page) parts.push(Buffer.from('(', 'latin1'), encode(line), Buffer.from(") '\n", 'latin1'));
    parts.push(Buffer.from('ET\n', 'latin1'));
    const content = Buffer.concat(parts);
    const stream = add(Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`, 'latin1'), content, Buffer.from('\nendstream', 'latin1')]));
    kids.push(
      add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 ${font} 0 R /F2 ${bold} 0 R >> >> /Contents ${stream} 0 R >>`),
    );
  });
  objects[catalog - 1] = Buffer.from(`<< /Type /Catalog /Pages ${pagesObj} 0 R >>`, 'latin1');
  objects[pagesObj - 1] = Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`, 'latin1');

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(obj);
    offset += obj.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}
