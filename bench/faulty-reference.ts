// Starts the reference with one fault of bench/faults.ts injected, so the
// suite can be run against it and seen to fail. Prints the URL and the
// admin key; stops on SIGINT or SIGTERM.
//
// Usage: npx ts-node bench/faulty-reference.ts FAULT_ID

import { parseAuthorization } from '../reference/auth/parse';
import { startReference } from '../reference/listen';
import { FAULTS } from './faults';

async function main(): Promise<void> {
  const id = process.argv[2];
  const fault = FAULTS.find((candidate) => candidate.id === id);
  if (fault === undefined) {
    const known = FAULTS.map((candidate) => candidate.id).join(', ');
    throw new Error(`unknown fault "${id}": expected one of ${known}`);
  }

  const parts = { parseAuthorization: fault.wrap(parseAuthorization) };
  const reference = await startReference({ parts });
  console.log(`fault: ${fault.description}`);
  console.log(`HELIOS_TARGET_URL=${reference.url}`);
  console.log(`HELIOS_ADMIN_KEY=${reference.adminKey}`);

  const stop = () => {
    reference.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
