/**
 * Handling of SIGINT and SIGTERM during a run. The runner stays alive and
 * lets every running scenario clean up, in this process and in each
 * cucumber worker, to which it relays the signal. It waits at most a fixed
 * time, then reports the run as interrupted.
 */
import type { ChildProcess } from 'node:child_process';

import {
  cleanUpAfterInterrupt,
  setSignalsCoordinated,
} from '../steps/support/interruption';

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Exit codes of an interrupted run: 128 plus the signal number. */
export const SIGNAL_EXIT_CODES: Record<StopSignal, number> = {
  SIGINT: 130,
  SIGTERM: 143,
};

/** Maximum wait for the clean-up of every scenario after a signal. */
export const INTERRUPT_CLEANUP_MS = 20_000;

/**
 * Wait after the clean-up for the run to end by itself, so that cucumber's
 * formatters can finish their files.
 */
const RUN_END_GRACE_MS = 1_000;

const SIGNALS: StopSignal[] = ['SIGINT', 'SIGTERM'];

// `require`, not `import *`: the compiled namespace import is a copy, and
// the worker tracking must replace `fork` on the module object that
// cucumber's parallel adapter calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const childProcessModule: typeof import('node:child_process') = require('node:child_process');

export interface InterruptOutcome {
  signal: StopSignal;
  /** False when the clean-up did not finish within the time limit. */
  cleanedUp: boolean;
}

/**
 * Handles SIGINT and SIGTERM for the duration of one run. Create it before
 * the run starts and `dispose()` it after the reports are written.
 */
export class SignalGuard {
  /** Resolves with the first signal received. */
  readonly signal: Promise<StopSignal>;

  private readonly workers = new Set<ChildProcess>();
  private readonly listeners = new Map<StopSignal, () => void>();
  private readonly originalFork = childProcessModule.fork;
  /** The signal being handled, once `stop` was called. */
  private stopping: StopSignal | undefined;

  constructor() {
    let resolveSignal!: (signal: StopSignal) => void;
    this.signal = new Promise((resolve) => (resolveSignal = resolve));

    for (const signal of SIGNALS) {
      const listener = () => resolveSignal(signal);
      this.listeners.set(signal, listener);
      process.on(signal, listener);
    }
    setSignalsCoordinated(true);
    this.trackWorkers();
  }

  /**
   * Cleans up after `signal`: the scenarios of this process directly, and
   * those of each worker process through the relayed signal. Resolves once
   * all are done and `run` ended, or when the time limit passes. With
   * `usesWorkers` false the run goes on in this process until its current
   * step ends, so it gets only a short grace to end.
   */
  async stop(
    signal: StopSignal,
    run: Promise<unknown>,
    usesWorkers: boolean,
    timeoutMs = INTERRUPT_CLEANUP_MS,
  ): Promise<InterruptOutcome> {
    this.stopping = signal;
    const runEnded = run.then(
      () => undefined,
      () => undefined,
    );
    const cleanUp = Promise.all([
      cleanUpAfterInterrupt(),
      this.relayToWorkers(signal),
    ]).then(
      async () => {
        // With workers, the run ends once every worker exited, including
        // any forked after the signal (they get it at once).
        if (usesWorkers) await runEnded;
        else await waitAtMost(runEnded, RUN_END_GRACE_MS);
        return true;
      },
      () => false,
    );

    const cleanedUp = await waitAtMost(cleanUp, timeoutMs, false);
    if (!cleanedUp) this.killWorkers();
    return { signal, cleanedUp };
  }

  /** Removes the signal listeners and stops tracking worker processes. */
  dispose(): void {
    for (const [signal, listener] of this.listeners) {
      process.off(signal, listener);
    }
    setSignalsCoordinated(false);
    childProcessModule.fork = this.originalFork;
  }

  // Cucumber's parallel adapter forks its workers without exposing them, so
  // the guard records every process forked while it is active.
  private trackWorkers(): void {
    const original = this.originalFork;
    const workers = this.workers;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const guard = this;

    childProcessModule.fork = function trackedFork(
      this: unknown,
      ...args: Parameters<typeof original>
    ) {
      const child = original.apply(this, args);
      workers.add(child);
      child.once('exit', () => workers.delete(child));
      // A worker started after the signal has created nothing yet.
      if (guard.stopping !== undefined) signalWorker(child, guard.stopping);
      return child;
    } as typeof original;
  }

  private async relayToWorkers(signal: StopSignal): Promise<void> {
    const running = [...this.workers].filter(isRunning);
    const exits = running.map(
      (worker) => new Promise((resolve) => worker.once('exit', resolve)),
    );

    for (const worker of running) signalWorker(worker, signal);
    await Promise.all(exits);
  }

  private killWorkers(): void {
    for (const worker of [...this.workers].filter(isRunning)) {
      worker.kill('SIGKILL');
    }
  }
}

/**
 * Sends the signal to a worker. Cucumber may still write to the worker's
 * IPC channel after it exited, which fails with EPIPE: that error is
 * expected from now on, and without a listener it would end this process.
 */
function signalWorker(worker: ChildProcess, signal: StopSignal): void {
  worker.on('error', () => undefined);
  worker.kill(signal);
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Resolves with the promise's value, or with `fallback` after `ms`. */
function waitAtMost<T, F = undefined>(
  promise: Promise<T>,
  ms: number,
  fallback?: F,
): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(fallback as F), ms);
  });

  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
