// Runs an HTTP property with fast-check and turns a failure into a message
// a CI reader can act on: seed, path, shrunk counterexample, a curl command
// with secrets as shell variables, and how to replay.

import fc from 'fast-check';

import { shellQuote } from '../credentials';
import {
  describeHeaderCase,
  renderShellWord,
  slotsOf,
  type SecretSlot,
} from './header-case';
import {
  PropertyViolation,
  knownCases,
  sendProbe,
  type FuzzCase,
  type FuzzFixture,
  type HttpProperty,
  type Probe,
} from './properties';

export interface FuzzSettings {
  seed: number;
  /** Random cases per property; the property's known cases come on top. */
  numRuns: number;
  /** fast-check path of an earlier failure, to replay it directly. */
  path?: string;
  /** Maximum duration in ms, shrinking included. Reaching it fails the property. */
  timeLimitMs: number;
  /** Skip shrinking, when only the number of runs to a failure matters. */
  endOnFailure?: boolean;
}

export interface FuzzOutcome {
  passed: boolean;
  /** Runs made, known cases included. After a failure, those up to it. */
  numRuns: number;
  numShrinks: number;
  seed: number;
  interrupted: boolean;
  /** fast-check path of the shrunk counterexample. */
  path?: string;
  counterexample?: FuzzCase;
  /** The request of the shrunk counterexample, when a check failed. */
  probe?: Probe;
  /** Reason for the failure. */
  reason?: string;
}

/**
 * Runs one property against the fixture's target: its known cases first,
 * then `settings.numRuns` random ones.
 */
export async function checkHttpProperty(
  property: HttpProperty,
  fixture: FuzzFixture,
  settings: FuzzSettings,
): Promise<FuzzOutcome> {
  // fast-check 4 counts examples against numRuns, so they are added to it.
  // Replaying a path needs the same examples, and they depend only on the
  // property and the fixture's endpoints.
  const examples = knownCases(fixture, property).map(
    (fuzzCase): [FuzzCase] => [fuzzCase],
  );
  const predicate = fc.asyncProperty(
    property.caseArb(fixture),
    async (fuzzCase) => {
      const probe = await sendProbe(fixture, property, fuzzCase);
      await property.verify(fixture, probe);
    },
  );

  const details = await fc.check(predicate, {
    seed: settings.seed,
    numRuns: settings.numRuns + examples.length,
    examples,
    path: settings.path,
    endOnFailure: settings.endOnFailure ?? false,
    plugins: [
      fc.interruptAfterTimeLimit(settings.timeLimitMs, {
        failOnInterrupt: true,
      }),
    ],
  });
  return outcomeOf(details as fc.RunDetails<[FuzzCase]>, {
    ...settings,
    numRuns: settings.numRuns + examples.length,
  });
}

function outcomeOf(
  details: fc.RunDetails<[FuzzCase]>,
  settings: FuzzSettings,
): FuzzOutcome {
  const outcome: FuzzOutcome = {
    passed: !details.failed,
    numRuns: details.numRuns,
    numShrinks: details.numShrinks,
    seed: details.seed,
    interrupted: details.interrupted,
  };
  if (!details.failed) return outcome;

  if (details.counterexample === null) {
    const limit = settings.timeLimitMs;
    outcome.reason =
      `stopped after ${limit} ms with ${details.numRuns} of ` +
      `${settings.numRuns} runs done; lower the run count or check why ` +
      'requests are slow';
    return outcome;
  }

  const error = details.errorInstance;
  outcome.path = details.counterexamplePath;
  outcome.counterexample = details.counterexample[0];
  outcome.reason = error instanceof Error ? error.message : String(error);
  if (error instanceof PropertyViolation) outcome.probe = error.probe;
  return outcome;
}

/** Descriptions of the secrets a reproduction needs, by slot. */
const SLOT_DESCRIPTIONS: Readonly<Record<SecretSlot, string>> = {
  valid: 'the secret of the enabled token',
  disabled: 'the secret of the disabled token',
  deleted: 'the secret of the deleted token',
};

/**
 * Builds the failure message. `replayCommand` returns the command that reruns
 * a seed and a path, and `mask` hides secrets that a response body might quote.
 */
export function formatFailure(
  property: HttpProperty,
  fixture: FuzzFixture,
  outcome: FuzzOutcome,
  replayCommand: (seed: number, path: string) => string,
  mask: (text: string) => string = (text) => text,
): string {
  const lines = [
    `Property failed: ${property.title}.`,
    `  seed ${outcome.seed}, path ${outcome.path ?? '(none)'}, ` +
      `${outcome.numRuns} run(s) to the first failure, ` +
      `${outcome.numShrinks} shrink(s)`,
    `  reason: ${mask(outcome.reason ?? 'unknown')}`,
  ];

  const example = outcome.counterexample;
  if (example !== undefined) {
    const header = describeHeaderCase(example.header);
    lines.push(`  counterexample: ${example.endpoint} with ${header}`);
  }
  if (outcome.probe !== undefined) {
    const body = outcome.probe.response.body.slice(0, 300);
    lines.push(`  response body: ${mask(body) || '(empty)'}`);
    lines.push('Reproduce:', indent(curlCommand(fixture, outcome.probe)));
  }
  if (outcome.path !== undefined) {
    const replay = replayCommand(outcome.seed, outcome.path);
    lines.push('Replay the shrunk counterexample:', indent(replay));
  }
  return lines.join('\n');
}

/** Builds a curl command for a probe, each secret read from a variable. */
export function curlCommand(fixture: FuzzFixture, probe: Probe): string {
  const { request, fuzzCase } = probe;
  const url = shellQuote(fixture.client.url + request.path);
  const otherHeaders = request.headers.filter(
    ([name]) => name.toLowerCase() !== 'authorization',
  );
  const authorization = renderShellWord(
    fuzzCase.header,
    fixture.secretVariables,
  ).slice(1, -1);

  const command = [
    `curl -sS -i -X ${request.method} ${url}`,
    ...otherHeaders.map(
      ([name, value]) => `-H ${shellQuote(`${name}: ${value}`)}`,
    ),
    `-H "Authorization: ${authorization}"`,
    `--data-binary ${shellQuote(request.body)}`,
  ].join(' \\\n  ');

  const legend = slotsOf(fuzzCase.header).map(
    (slot) => `${fixture.secretVariables[slot]}: ${SLOT_DESCRIPTIONS[slot]}`,
  );
  if (legend.length === 0) return command;
  return `${command}\nSet these variables first (values not shown):\n${legend
    .map((line) => `  ${line}`)
    .join('\n')}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
