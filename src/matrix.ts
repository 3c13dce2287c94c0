/**
 * Conformance matrix: turns the cucumber message stream of one run into one
 * outcome per scenario and one verdict per rule. Everything here is a pure
 * function of the messages, so tests can feed a fabricated stream.
 */
import { findRule, RuleDefinition, RuleLevel, RULES } from './rules';

export type RunMode = 'normative' | 'reference';
export type ScenarioStatus = 'passed' | 'failed' | 'skipped';
export type Verdict = 'pass' | 'fail' | 'differs' | 'skipped' | 'untested';

/** The subset of a cucumber message envelope that the matrix reads. */
export interface MatrixEnvelope {
  gherkinDocument?: { uri?: string; feature?: GherkinNode };
  pickle?: {
    id: string;
    uri: string;
    name: string;
    astNodeIds: readonly string[];
    tags: readonly { name: string }[];
  };
  testCase?: { id: string; pickleId: string };
  testCaseStarted?: { id: string; testCaseId: string; attempt: number };
  testStepFinished?: {
    testCaseStartedId: string;
    testStepResult: {
      status: string;
      message?: string;
      exception?: { message?: string };
    };
  };
  testCaseFinished?: { testCaseStartedId: string; willBeRetried: boolean };
  attachment?: {
    testCaseStartedId?: string;
    mediaType: string;
    body: string;
  };
  parseError?: { source: { uri?: string }; message: string };
  testRunHookFinished?: { result: { status: string; message?: string } };
  testRunFinished?: { exception?: { type: string; message?: string } };
}

/** A node of a Gherkin document, reduced to what locates a scenario. */
interface GherkinNode {
  id?: string;
  location?: { line: number };
  children?: readonly GherkinChild[];
  examples?: readonly { tableBody: readonly GherkinNode[] }[];
}

interface GherkinChild {
  rule?: GherkinNode;
  scenario?: GherkinNode;
}

export interface ScenarioOutcome {
  /** Id of the cucumber pickle, absent only when the stream lacked it. */
  pickleId?: string;
  name: string;
  /** `features/x.feature:12`, pointing at the scenario or example row. */
  location: string;
  ruleIds: string[];
  level: RuleLevel;
  status: ScenarioStatus;
  /** Worst step status as cucumber reports it, for example `UNDEFINED`. */
  stepStatus: string;
  /**
   * First line of the first failed step's error, as the steps wrote it
   * (they mask the secrets they know). Absent when no step failed.
   */
  firstFailure?: string;
  /** Reason a step logged with `skipped: <reason>`, for skipped scenarios. */
  skipReason?: string;
}

export interface RuleResult {
  id: string;
  level: RuleLevel;
  passed: number;
  failed: number;
  skipped: number;
  verdict: Verdict;
}

export interface Matrix {
  mode: RunMode;
  rules: RuleResult[];
  scenarios: ScenarioOutcome[];
  failedRuleIds: string[];
  untestedRuleIds: string[];
  /** Doc and http rules without any scenario, when coverage was checked. */
  uncoveredRuleIds: string[];
  /** `@UPPER-CASE` tags that name no rule of the catalogue. */
  unknownRuleTags: string[];
  totals: { passed: number; failed: number; skipped: number };
  /** Failures outside any scenario: parse errors, hooks, an unfinished run. */
  runErrors: string[];
}

export interface MatrixOptions {
  mode: RunMode;
  /** False when a tag filter selected a subset, so no coverage check. */
  checkCoverage: boolean;
}

const LEVEL_TAGS = new Set(['@doc', '@http', '@profile']);
const ruleTagRegExp = /^@([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)$/;

// Cucumber step statuses from best to worst. A scenario takes the worst one.
// Statuses missing here rank as UNKNOWN, so they count as failures.
const STATUS_RANK = [
  'PASSED',
  'SKIPPED',
  'PENDING',
  'UNDEFINED',
  'AMBIGUOUS',
  'UNKNOWN',
  'FAILED',
];

/** Builds the scenario outcomes and rule verdicts of one run. */
export function buildMatrix(
  envelopes: readonly MatrixEnvelope[],
  options: MatrixOptions,
): Matrix {
  const scenarios = collectScenarios(envelopes);
  const rules = RULES.map((rule) => judgeRule(rule, scenarios, options.mode));

  const uncoveredRuleIds = options.checkCoverage
    ? rules
        .filter((r) => r.verdict === 'untested' && r.level !== 'profile')
        .map((r) => r.id)
    : [];

  return {
    mode: options.mode,
    rules,
    scenarios,
    failedRuleIds: rules.filter((r) => r.verdict === 'fail').map((r) => r.id),
    untestedRuleIds: rules
      .filter((r) => r.verdict === 'untested')
      .map((r) => r.id),
    uncoveredRuleIds,
    unknownRuleTags: findUnknownRuleTags(envelopes),
    totals: countStatuses(scenarios),
    runErrors: collectRunErrors(envelopes),
  };
}

/** Tells whether a scenario must pass for the run to succeed. */
export function isRequired(scenario: ScenarioOutcome, mode: RunMode): boolean {
  return mode === 'reference' || scenario.level !== 'profile';
}

/**
 * Returns the failed scenarios that fail the run: every failure in
 * reference mode, doc and http failures in normative mode.
 */
export function requiredFailures(matrix: Matrix): ScenarioOutcome[] {
  return matrix.scenarios.filter(
    (s) => s.status === 'failed' && isRequired(s, matrix.mode),
  );
}

/**
 * Computes the exit code: 0 when the run completed, scenarios ran, no
 * required scenario failed and every doc and http rule has a scenario,
 * else 1. Skipped scenarios do not fail the run, but never count as passed.
 */
export function matrixExitCode(matrix: Matrix): number {
  if (matrix.runErrors.length > 0) return 1;
  if (matrix.scenarios.length === 0) return 1;
  if (requiredFailures(matrix).length > 0) return 1;
  if (matrix.uncoveredRuleIds.length > 0) return 1;
  return 0;
}

function judgeRule(
  rule: RuleDefinition,
  scenarios: ScenarioOutcome[],
  mode: RunMode,
): RuleResult {
  const own = scenarios.filter((s) => s.ruleIds.includes(rule.id));
  const counts = countStatuses(own);
  const result = { id: rule.id, level: rule.level, ...counts };

  if (own.length === 0) return { ...result, verdict: 'untested' };

  const failures = own.filter((s) => s.status === 'failed');
  if (failures.some((s) => isRequired(s, mode))) {
    return { ...result, verdict: 'fail' };
  }
  if (failures.length > 0) return { ...result, verdict: 'differs' };
  if (counts.skipped === own.length) return { ...result, verdict: 'skipped' };
  return { ...result, verdict: 'pass' };
}

function countStatuses(scenarios: ScenarioOutcome[]) {
  const count = (status: ScenarioStatus) =>
    scenarios.filter((s) => s.status === status).length;

  return {
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
  };
}

/**
 * Collects one outcome per test case from the message stream. A test case
 * that started but never finished (a crashed worker, an interrupted run)
 * counts as failed. Attempts that cucumber retries are ignored.
 */
export function collectScenarios(
  envelopes: readonly MatrixEnvelope[],
): ScenarioOutcome[] {
  const pickles = new Map<string, NonNullable<MatrixEnvelope['pickle']>>();
  const lines = new Map<string, number>();
  const testCases = new Map<string, string>();
  const stepStatuses = new Map<string, string[]>();
  const firstFailures = new Map<string, string>();
  const skipReasons = new Map<string, string>();
  const finalAttempt = new Map<string, string>();

  for (const envelope of envelopes) {
    if (envelope.gherkinDocument?.feature) {
      indexLines(envelope.gherkinDocument.feature, lines);
    }
    if (envelope.pickle) pickles.set(envelope.pickle.id, envelope.pickle);
    if (envelope.testCase) {
      testCases.set(envelope.testCase.id, envelope.testCase.pickleId);
    }
    if (envelope.testCaseStarted) {
      const started = envelope.testCaseStarted;
      stepStatuses.set(started.id, []);
      finalAttempt.set(started.testCaseId, started.id);
    }
    if (envelope.testStepFinished) {
      const finished = envelope.testStepFinished;
      stepStatuses
        .get(finished.testCaseStartedId)
        ?.push(finished.testStepResult.status);
      recordFirstFailure(finished, firstFailures);
    }
    if (envelope.attachment) recordSkipReason(envelope.attachment, skipReasons);
    if (envelope.testCaseFinished && !envelope.testCaseFinished.willBeRetried) {
      stepStatuses
        .get(envelope.testCaseFinished.testCaseStartedId)
        ?.push('END');
    }
  }

  return [...testCases].map(([testCaseId, pickleId]) => {
    const startedId = finalAttempt.get(testCaseId);
    const statuses = startedId ? (stepStatuses.get(startedId) ?? []) : [];
    const scenario = {
      pickleId,
      ...describeScenario(pickles.get(pickleId), statuses, lines),
    };
    const firstFailure = startedId ? firstFailures.get(startedId) : undefined;
    const skipReason = startedId ? skipReasons.get(startedId) : undefined;
    return {
      ...scenario,
      ...(firstFailure === undefined ? {} : { firstFailure }),
      ...(scenario.status === 'skipped' && skipReason !== undefined
        ? { skipReason }
        : {}),
    };
  });
}

// The World logs `skipped: <reason>` (a cucumber log attachment) when a
// step or hook skips the scenario. The first such reason is kept.
function recordSkipReason(
  attachment: NonNullable<MatrixEnvelope['attachment']>,
  skipReasons: Map<string, string>,
): void {
  const { testCaseStartedId, mediaType, body } = attachment;
  if (testCaseStartedId === undefined) return;
  if (mediaType !== 'text/x.cucumber.log+plain') return;
  if (!body.startsWith('skipped: ')) return;
  if (skipReasons.has(testCaseStartedId)) return;

  skipReasons.set(testCaseStartedId, body.slice('skipped: '.length).trim());
}

function recordFirstFailure(
  finished: NonNullable<MatrixEnvelope['testStepFinished']>,
  firstFailures: Map<string, string>,
): void {
  const { testCaseStartedId, testStepResult } = finished;
  if (testStepResult.status !== 'FAILED') return;
  if (firstFailures.has(testCaseStartedId)) return;

  const text =
    testStepResult.exception?.message ?? testStepResult.message ?? '';
  const line = text
    .split('\n')
    .map((part) => part.trim())
    .find((part) => part !== '');
  firstFailures.set(testCaseStartedId, line ?? '(no message)');
}

function describeScenario(
  pickle: MatrixEnvelope['pickle'],
  statuses: string[],
  lines: Map<string, number>,
): ScenarioOutcome {
  const tags = pickle?.tags.map((tag) => tag.name) ?? [];
  const ruleIds = tags.flatMap((tag) => {
    const id = ruleTagRegExp.exec(tag)?.[1];
    return id && findRule(id) ? [id] : [];
  });
  const stepStatus = worstStatus(statuses);
  const lastNode = pickle?.astNodeIds[pickle.astNodeIds.length - 1];
  const line = lastNode ? lines.get(lastNode) : undefined;

  return {
    name: pickle?.name ?? '(unknown scenario)',
    location: `${pickle?.uri ?? '?'}:${line ?? '?'}`,
    ruleIds,
    level: scenarioLevel(tags, ruleIds),
    status: toScenarioStatus(stepStatus),
    stepStatus,
  };
}

// A test case whose final attempt has no END marker never finished.
function worstStatus(statuses: string[]): string {
  if (!statuses.includes('END')) return 'UNFINISHED';

  const ranks = statuses.filter((s) => s !== 'END').map((s) => rankStatus(s));
  return STATUS_RANK[Math.max(0, ...ranks)];
}

function rankStatus(status: string): number {
  const rank = STATUS_RANK.indexOf(status);
  return rank < 0 ? STATUS_RANK.indexOf('UNKNOWN') : rank;
}

function toScenarioStatus(stepStatus: string): ScenarioStatus {
  if (stepStatus === 'PASSED') return 'passed';
  if (stepStatus === 'SKIPPED') return 'skipped';
  return 'failed';
}

/**
 * Reads the level tag of a scenario. Without one, the strictest level of
 * its rules applies, and a scenario naming no rule counts as `doc` so that
 * its failure is never hidden.
 */
function scenarioLevel(tags: string[], ruleIds: string[]): RuleLevel {
  const tagged = tags.find((tag) => LEVEL_TAGS.has(tag));
  if (tagged) return tagged.slice(1) as RuleLevel;

  const levels = ruleIds.map((id) => findRule(id)?.level);
  if (levels.includes('doc') || levels.length === 0) return 'doc';
  if (levels.includes('http')) return 'http';
  return 'profile';
}

function indexLines(node: GherkinNode, lines: Map<string, number>): void {
  if (node.id && node.location) lines.set(node.id, node.location.line);

  for (const child of node.children ?? []) {
    if (child.rule) indexLines(child.rule, lines);
    if (child.scenario) indexLines(child.scenario, lines);
  }
  for (const examples of node.examples ?? []) {
    for (const row of examples.tableBody) indexLines(row, lines);
  }
}

function findUnknownRuleTags(envelopes: readonly MatrixEnvelope[]): string[] {
  const unknown = new Set<string>();

  for (const envelope of envelopes) {
    for (const tag of envelope.pickle?.tags ?? []) {
      const id = ruleTagRegExp.exec(tag.name)?.[1];
      if (id && !findRule(id)) unknown.add(tag.name);
    }
  }

  return [...unknown].sort();
}

function collectRunErrors(envelopes: readonly MatrixEnvelope[]): string[] {
  const errors: string[] = [];
  let finished = false;

  for (const envelope of envelopes) {
    const { parseError, testRunHookFinished, testRunFinished } = envelope;
    if (parseError) {
      errors.push(
        `parse error in ${parseError.source.uri}: ${parseError.message}`,
      );
    }
    if (testRunHookFinished?.result.status === 'FAILED') {
      const reason = testRunHookFinished.result.message ?? 'no message';
      errors.push(`a BeforeAll or AfterAll hook failed: ${reason}`);
    }
    if (testRunFinished) finished = true;
    if (testRunFinished?.exception) {
      const { type, message } = testRunFinished.exception;
      errors.push(`the run ended with ${type}: ${message ?? 'no message'}`);
    }
  }

  if (!finished) errors.push('the run did not finish');
  return errors;
}
