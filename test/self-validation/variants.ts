/** Every fault-injected variant of the reference, one broken rule each. */

import { adminFaults } from './faults/admin';
import { credentialFaults } from './faults/credentials';
import { ingestFaults } from './faults/ingest';
import type { FaultVariant } from './variant';

export const FAULT_VARIANTS: readonly FaultVariant[] = [
  ...credentialFaults,
  ...ingestFaults,
  ...adminFaults,
];

export function findVariant(name: string): FaultVariant | undefined {
  return FAULT_VARIANTS.find((variant) => variant.name === name);
}
