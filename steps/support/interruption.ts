/**
 * The process-wide interruption state. Once SIGINT or SIGTERM arrived, the
 * World creates no more tokens, keys or policy changes and no new scenario
 * starts, so the clean-up that runs on the signal can finish.
 *
 * The state lives on `globalThis`: the command line runner and the step
 * definitions it loads in the same process must share it even if the
 * module were loaded twice.
 */

interface InterruptionState {
  interrupted: boolean;
  /** True while a runner in this process handles the signals itself. */
  coordinated: boolean;
  /** Clean-up of the running scenarios, registered by the hooks. */
  cleanUp?: () => Promise<void>;
}

const STATE_KEY = Symbol.for('helios-conformance.interruption');

function state(): InterruptionState {
  const global = globalThis as { [STATE_KEY]?: InterruptionState };
  global[STATE_KEY] ??= { interrupted: false, coordinated: false };
  return global[STATE_KEY];
}

export function markInterrupted(): void {
  state().interrupted = true;
}

export function isInterrupted(): boolean {
  return state().interrupted;
}

/**
 * Tells the hooks that a runner in this process handles SIGINT and SIGTERM
 * (clean-up, reports, exit), so their own handlers must do nothing.
 * `false` gives the signals back to the hooks.
 */
export function setSignalsCoordinated(coordinated: boolean): void {
  state().coordinated = coordinated;
}

export function areSignalsCoordinated(): boolean {
  return state().coordinated;
}

/** Registers the clean-up of the scenarios running in this process. */
export function registerInterruptCleanUp(cleanUp: () => Promise<void>): void {
  state().cleanUp = cleanUp;
}

/**
 * Marks the process interrupted and cleans up every scenario running in
 * it. Resolves at once when no step definitions were loaded here.
 */
export async function cleanUpAfterInterrupt(): Promise<void> {
  markInterrupted();
  await state().cleanUp?.();
}
