import assert from 'node:assert/strict';
import type { CommandContext, Decider } from '../../core';

const meta: CommandContext = { at: '2026-11-21T06:00:00.000Z', actor: 'test', correlationId: 'test' };

/**
 * given(events).when(command).then(events) / .thenRefused(code): domain tests read as the rule they check.
 * (Lives in tests/: it imports node:assert, which core may not.)
 */
export function specFor<S, C, E>(decider: Decider<S, C, E>) {
  return (given: readonly E[]) => ({
    when: (command: C) => {
      const state = given.reduce(decider.evolve, decider.initialState());
      const decision = decider.decide(command, state, meta);
      return {
        then(expected: readonly E[]): void {
          assert.ok(decision.ok, `expected events, got refusal: ${decision.ok ? '' : decision.error.message}`);
          assert.deepEqual(decision.events, expected);
        },
        /** Only the kinds of events, in order, when their data is checked elsewhere. */
        thenEventTypes(types: readonly string[]): void {
          assert.ok(decision.ok, `expected events, got refusal: ${decision.ok ? '' : decision.error.message}`);
          assert.deepEqual(decision.events.map((e) => (e as { type: string }).type), types);
        },
        thenRefused(code: string, messageIncludes?: string): void {
          assert.equal(decision.ok, false, 'expected a refusal');
          if (!decision.ok) {
            assert.equal(decision.error.code, code);
            if (messageIncludes !== undefined) assert.match(decision.error.message, new RegExp(messageIncludes));
          }
        },
        state: () => (decision.ok ? decision.events.reduce(decider.evolve, state) : state),
      };
    },
  });
}
