/** The ingest policy switches kept in the config file. */

import type { ConfigDb } from './config';
import type { Policy, PolicyStore } from './types';

export function createPolicyStore(db: ConfigDb): PolicyStore {
  return {
    get: () => ({ ...db.data().policy }),
    update: (change: Partial<Policy>) =>
      db.update((data) => {
        data.policy = { ...data.policy, ...change };
        return { ...data.policy };
      }),
  };
}
