import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_REASON_TREE, ReasonTree } from '../core';
import { textToTree, treeToText } from '../renderer/oee/reason-text';

test('the reason tree as text and back: the default tree comes back the same', () => {
  const back = textToTree(treeToText(DEFAULT_REASON_TREE));
  assert.ok(back.ok);
  assert.deepEqual(ReasonTree.parse(back.tree), DEFAULT_REASON_TREE);
});

test('text that is not a tree says which line and why', () => {
  const why = (text: string) => {
    const r = textToTree(text);
    return r.ok ? 'ok' : r.message;
  };
  assert.match(why('MECH Mechanical\n   JAM Jam'), /Line 2: indent by two spaces/);
  assert.match(why('  JAM Jam'), /Line 1: indented, but under no reason/);
  assert.match(why('MECH Mechanical\n    JAM Jam'), /Line 2: indented more than one level/);
  assert.match(why('MECH Mechanical [kaput]'), /Line 1: the loss is one of breakdown, setup, small-stop/);
  assert.match(why('JAM'), /Line 1: write CODE Name/);
  assert.deepEqual(textToTree('MECH Mechanical [breakdown]\n  JAM Paper jam\nSETUP Changeover [setup]\n'), {
    ok: true,
    tree: [
      { code: 'MECH', name: 'Mechanical', loss: 'breakdown', children: [{ code: 'JAM', name: 'Paper jam', children: [] }] },
      { code: 'SETUP', name: 'Changeover', loss: 'setup', children: [] },
    ],
  });
});
