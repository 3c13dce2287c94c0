/**
 * Lifecycle of the suite in each cucumber process: the target is started
 * once per process, each scenario starts fresh and is cleaned up after,
 * and an interrupted run cleans up too.
 */

import {
  After,
  AfterAll,
  Before,
  BeforeAll,
  Status,
  setDefaultTimeout,
  setParallelCanAssign,
} from '@cucumber/cucumber';

import {
  areSignalsCoordinated,
  isInterrupted,
  markInterrupted,
  registerInterruptCleanUp,
} from './interruption';
import { readSuiteParameters } from './parameters';
import { canAssignPickle } from './scheduling';
import { closeSessionTarget, openSessionTarget } from './target';
import type { HeliosWorld } from './world';

/** Step timeout: above the per-request timeout, so that message wins. */
const STEP_TIMEOUT_MS = 15_000;

/** Maximum wait for clean-up after SIGINT or SIGTERM before exiting. */
const SIGNAL_CLEANUP_MS = 10_000;

/** Pause between clean-up passes while creation requests are in flight. */
const CLEANUP_PASS_PAUSE_MS = 100;

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

setDefaultTimeout(STEP_TIMEOUT_MS);
setParallelCanAssign(canAssignPickle);

// The scenarios running in this process, for clean-up on a signal.
const activeWorlds = new Set<HeliosWorld>();
let signalHandlersInstalled = false;
let interrupted = false;
/** The clean-up started by a signal, which AfterAll must let finish. */
let signalCleanUp: Promise<void> | undefined;

/**
 * Cleans up every running scenario. A creation request still in flight
 * when the signal came ends later, so passes repeat until nothing is left;
 * the signal handler's deadline bounds them.
 */
function cleanUpAfterSignal(): Promise<void> {
  signalCleanUp ??= cleanUpActiveWorlds();
  return signalCleanUp;
}

async function cleanUpActiveWorlds(): Promise<void> {
  let pending = [...activeWorlds].filter((world) => world.hasCleanUpWork());

  while (pending.length > 0) {
    for (const world of pending) {
      const problems = await world.cleanUp();
      for (const problem of problems) {
        console.error(`clean-up after interrupt: ${problem}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, CLEANUP_PASS_PAUSE_MS));
    pending = [...activeWorlds].filter((world) => world.hasCleanUpWork());
  }
  await closeSessionTarget();
}

// A runner that loaded the steps into its own process (the command line)
// handles the signal: it cleans up through `cleanUpAfterInterrupt`, writes
// its reports and exits. Repeated signals are ignored while cleaning up.
function handleSignal(signal: keyof typeof SIGNAL_EXIT_CODES): void {
  if (interrupted || areSignalsCoordinated()) {
    return;
  }
  interrupted = true;
  markInterrupted();

  const exitCode = SIGNAL_EXIT_CODES[signal];
  const deadline = setTimeout(() => {
    console.error(
      `clean-up after ${signal} timed out after ${SIGNAL_CLEANUP_MS} ms: ` +
        'ingest tokens or API keys of this run, or a policy change, may be ' +
        'left on the target',
    );
    process.exit(exitCode);
  }, SIGNAL_CLEANUP_MS);

  cleanUpAfterSignal()
    .catch((error: unknown) => {
      console.error(`clean-up after ${signal} failed: ${String(error)}`);
    })
    .finally(() => {
      clearTimeout(deadline);
      process.exit(exitCode);
    });
}

function installSignalHandlers(): void {
  if (signalHandlersInstalled) {
    return;
  }
  signalHandlersInstalled = true;
  // `on`, not `once`: a second signal (the command line relays the one it
  // got, or the whole process group got it) must not end the clean-up.
  process.on('SIGINT', () => handleSignal('SIGINT'));
  process.on('SIGTERM', () => handleSignal('SIGTERM'));
  registerInterruptCleanUp(cleanUpAfterSignal);
}

BeforeAll(async function () {
  installSignalHandlers();
  const parameters = readSuiteParameters(this.parameters);
  await openSessionTarget(parameters);
});

AfterAll(async function () {
  // After a signal the remaining scenarios are skipped, so the run can
  // reach this hook while the clean-up still needs the target.
  await signalCleanUp;
  await closeSessionTarget();
});

Before(function (this: HeliosWorld) {
  if (isInterrupted()) {
    return 'skipped';
  }
  this.prepare();
  activeWorlds.add(this);
});

// Skips before the first request: on a remote target the final check of
// these scenarios cannot run, so their requests would only add load.
Before({ tags: '@embedded-only' }, function (this: HeliosWorld) {
  if (this.embeddedOnly() !== undefined) {
    return undefined;
  }
  return this.skip(
    "needs the embedded reference's data files and logs, which a remote " +
      'target does not expose',
  );
});

After(async function (this: HeliosWorld, { result }) {
  if (result?.status === Status.FAILED) {
    await this.attach(this.failureReport(), 'text/plain');
  }

  const problems = await this.cleanUp();
  activeWorlds.delete(this);
  if (problems.length > 0) {
    const list = problems.map((problem) => `  - ${problem}`).join('\n');
    throw new Error(`clean-up after the scenario failed:\n${list}`);
  }
});
