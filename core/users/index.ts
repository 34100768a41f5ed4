import type { AccessEvent } from './access';
import type { AccountPolicyEvent } from './policy';
import type { UserEvent } from './user';

export * from './roles';
export * from './user';
export * from './access';
export * from './policy';

/** Everything recorded about accounts: their life, who came and went, the policy. */
export type AccountEvent = UserEvent | AccessEvent | AccountPolicyEvent;
