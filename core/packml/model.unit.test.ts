import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CLEARED_STATES, PACKML_COMMANDS, RUNNING_STATES, STATE_COMPLETE, allowedCommands, commandTarget, type PackMLCommand } from './model';
import { PACKML_STATES, type PackMLState } from './states';

// The PackML companion model (OPC 30050, OPCFoundation/UA-Nodeset, MIT) as shipped by node-opcua-nodesets, which
// node-opcua depends on: resolved through node-opcua so it does not rely on how node_modules is laid out.
const fromNodeOpcua = createRequire(createRequire(import.meta.url).resolve('node-opcua/package.json'));
const NODESET = join(dirname(fromNodeOpcua.resolve('node-opcua-nodesets/package.json')), 'nodesets', 'Opc.Ua.PackML.NodeSet2.xml');

/** Transitions of the companion model read straight from its NodeSet: name, from, to and the causing method. */
function nodesetTransitions(): { from: string; to: string; cause: string | null }[] {
  const xml = readFileSync(NODESET, 'utf8');
  const names = new Map<string, string>();
  for (const m of xml.matchAll(/<UA\w+ NodeId="([^"]+)" BrowseName="1:(\w+)"/g)) names.set(m[1] as string, m[2] as string);
  const out: { from: string; to: string; cause: string | null }[] = [];
  for (const m of xml.matchAll(/<UAObject NodeId="[^"]+" BrowseName="1:(\w+To\w+)"[\s\S]*?<\/UAObject>/g)) {
    const body = m[0];
    const ref = (type: string) => {
      const r = new RegExp(`ReferenceType="${type}"[^>]*>([^<]+)<`).exec(body);
      return r ? (names.get(r[1] as string) ?? null) : null;
    };
    const from = ref('FromState');
    const to = ref('ToState');
    if (from && to) out.push({ from, to, cause: ref('HasCause') });
  }
  return out;
}

const expand = (s: string): PackMLState[] =>
  s === 'Running' ? [...RUNNING_STATES] : s === 'Cleared' ? [...CLEARED_STATES] : [s as PackMLState];
const entry = (s: string): PackMLState => (s === 'Running' ? 'Resetting' : s === 'Cleared' ? 'Clearing' : (s as PackMLState));

test('every command transition of the PackML NodeSet is in the model, and nothing more', () => {
  const transitions = nodesetTransitions();
  assert.ok(transitions.length >= 25, `read ${transitions.length} transitions from the NodeSet`);
  const expected = new Set<string>();
  for (const t of transitions.filter((x) => x.cause !== null)) {
    for (const from of expand(t.from)) expected.add(`${from} --${t.cause}--> ${entry(t.to)}`);
  }
  const actual = new Set<string>();
  for (const state of PACKML_STATES) {
    for (const c of PACKML_COMMANDS) {
      const to = commandTarget(state, c);
      if (to) actual.add(`${state} --${c}--> ${to}`);
    }
  }
  assert.deepEqual([...actual].sort(), [...expected].sort());
});

test('state-complete transitions match the NodeSet', () => {
  for (const t of nodesetTransitions().filter((x) => x.cause === null)) {
    assert.equal(STATE_COMPLETE[t.from as PackMLState], entry(t.to), `${t.from} → ${t.to}`);
  }
});

test('commands that are not allowed in a state are refused', () => {
  assert.equal(commandTarget('Idle', 'Unhold'), undefined);
  assert.equal(commandTarget('Aborted', 'Start'), undefined);
  assert.deepEqual(allowedCommands('Held'), ['Stop', 'Unhold', 'Abort'] satisfies PackMLCommand[]);
  assert.deepEqual(allowedCommands('Aborted'), ['Clear']);
});
