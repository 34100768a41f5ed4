import { STOP_LOSSES, type ReasonNode, type StopLoss } from '../../core';

/**
 * The reason tree as text an engineer edits: one reason a line, `CODE Name [loss]`, two spaces of indent a level
 * deeper. Read back into the tree the station takes (which checks it and says what is wrong).
 */
export function treeToText(tree: readonly ReasonNode[], depth = 0): string {
  return tree.map((n) => `${'  '.repeat(depth)}${n.code} ${n.name}${n.loss ? ` [${n.loss}]` : ''}\n${treeToText(n.children, depth + 1)}`).join('');
}

export function textToTree(text: string): { ok: true; tree: ReasonNode[] } | { ok: false; message: string } {
  const root: { node: ReasonNode & { children: ReasonNode[] }; depth: number }[] = [];
  const tree: (ReasonNode & { children: ReasonNode[] })[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!raw.trim()) continue;
    const indent = raw.length - raw.trimStart().length;
    if (indent % 2 !== 0) return { ok: false, message: `Line ${i + 1}: indent by two spaces a level.` };
    const depth = indent / 2;
    const m = /^(\S+)\s+(.+?)(?:\s+\[(\S+)\])?\s*$/.exec(raw.trim());
    if (!m) return { ok: false, message: `Line ${i + 1}: write CODE Name [loss], e.g. JAM Jam [breakdown].` };
    const loss = m[3];
    if (loss !== undefined && !(STOP_LOSSES as readonly string[]).includes(loss)) return { ok: false, message: `Line ${i + 1}: the loss is one of ${STOP_LOSSES.join(', ')}.` };
    const node = { code: m[1]!, name: m[2]!, ...(loss ? { loss: loss as StopLoss } : {}), children: [] as ReasonNode[] };
    while (root.length > 0 && root.at(-1)!.depth >= depth) root.pop();
    if (depth > 0 && root.length === 0) return { ok: false, message: `Line ${i + 1}: indented, but under no reason.` };
    if (depth > 0 && root.at(-1)!.depth !== depth - 1) return { ok: false, message: `Line ${i + 1}: indented more than one level below the reason above.` };
    (root.at(-1)?.node.children ?? tree).push(node);
    root.push({ node, depth });
  }
  return { ok: true, tree };
}
