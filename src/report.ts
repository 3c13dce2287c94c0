/**
 * Conformance reports: `conformance.json` and `conformance.md` in the report
 * directory, and the short summary printed at the end of a run.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { Matrix, requiredFailures, ScenarioOutcome, Verdict } from './matrix';
import type { StopSignal } from './interrupt';
import { redactCredentials, redactSecret } from './secrets';

/** Target of a run, without credentials or URL paths. */
export interface TargetDescription {
  kind: 'embedded' | 'remote';
  /** `host:port` of a remote target, absent for the embedded reference. */
  host?: string;
}

export interface ReportContext {
  matrix: Matrix;
  target: TargetDescription;
  exitCode: number;
  generatedAt: Date;
  /** The signal that stopped the run early: its results are incomplete. */
  interrupted?: StopSignal;
  /** The `--tags` expression that selected the scenarios, if any. */
  tagFilter?: string;
}

/** Files a run writes into the report directory. */
export const REPORT_FILES = [
  'cucumber.html',
  'junit.xml',
  'messages.ndjson',
  'conformance.json',
  'conformance.md',
];

const VERDICTS: Verdict[] = ['pass', 'fail', 'differs', 'skipped', 'untested'];

/** Describes a target URL by its host only, dropping user info and path. */
export function describeTarget(targetUrl?: string): TargetDescription {
  if (!targetUrl) return { kind: 'embedded' };
  return { kind: 'remote', host: new URL(targetUrl).host };
}

export function countVerdicts(matrix: Matrix): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0]));
  for (const rule of matrix.rules) counts[rule.verdict] += 1;
  return counts as Record<Verdict, number>;
}

/** Builds the JSON document of `conformance.json`. */
export function matrixToJson(context: ReportContext): object {
  const { matrix } = context;

  return {
    generatedAt: context.generatedAt.toISOString(),
    mode: matrix.mode,
    target: context.target,
    exitCode: context.exitCode,
    interrupted: context.interrupted ?? null,
    tagFilter: context.tagFilter ?? null,
    totals: {
      scenarios: matrix.totals,
      verdicts: countVerdicts(matrix),
    },
    rules: matrix.rules,
    untestedRuleIds: matrix.untestedRuleIds,
    uncoveredRuleIds: matrix.uncoveredRuleIds,
    unknownRuleTags: matrix.unknownRuleTags,
    runErrors: matrix.runErrors,
    failedScenarios: failedScenarios(matrix).map(describeFailure),
    skippedScenarios: skippedScenarios(matrix).map(describeSkip),
  };
}

/** Builds the Markdown text of `conformance.md`. */
export function matrixToMarkdown(context: ReportContext): string {
  const { matrix, target } = context;
  const where = target.host
    ? `remote target ${target.host}`
    : 'embedded reference';
  const lines = [
    '# Conformance matrix',
    '',
    `Mode ${matrix.mode}, ${where}, ${context.generatedAt.toISOString()}.`,
    '',
    ...interruptionNotice(context),
    ...tagFilterNotice(context),
    '| rule | level | passed | failed | skipped | verdict |',
    '| --- | --- | --- | --- | --- | --- |',
    ...matrix.rules.map(
      (r) =>
        `| ${r.id} | ${r.level} | ${r.passed} | ${r.failed} | ${r.skipped} | ${r.verdict} |`,
    ),
    '',
    '## Untested rules',
    '',
    ...bulletList(matrix.untestedRuleIds),
    '',
    '## Failed scenarios',
    '',
    ...failedScenarios(matrix).flatMap(formatFailureWithMessage),
    ...(failedScenarios(matrix).length === 0 ? ['None.'] : []),
    '',
    '## Skipped scenarios',
    '',
    ...bulletList(skippedScenarios(matrix).map(formatSkip)),
    '',
  ];

  return lines.join('\n');
}

/** Formats the end-of-run summary for the console. */
export function formatSummary(context: ReportContext): string {
  const { matrix } = context;
  const verdicts = countVerdicts(matrix);
  const lines = [
    `Conformance matrix (${matrix.mode} mode): ` +
      VERDICTS.map((v) => `${verdicts[v]} ${v}`).join(', '),
    `Scenarios: ${matrix.totals.passed} passed, ${matrix.totals.failed} ` +
      `failed, ${matrix.totals.skipped} skipped`,
  ];

  for (const rule of matrix.rules.filter((r) => r.verdict === 'fail')) {
    lines.push(`  FAIL ${rule.id}`);
    for (const scenario of failuresOfRule(matrix, rule.id)) {
      lines.push(`    ${formatFailure(scenario)}`);
    }
  }

  lines.push(...explainDifferences(matrix));
  lines.push(...explainExtraFailures(matrix));
  lines.push(resultLine(context));
  return lines.join('\n');
}

/**
 * Writes `conformance.json` and `conformance.md`, then masks the admin key
 * in every report file of the run, including those of cucumber's formatters.
 */
export async function writeReports(
  reportDir: string,
  context: ReportContext,
  adminKey?: string,
): Promise<void> {
  await mkdir(reportDir, { recursive: true });

  const json = JSON.stringify(matrixToJson(context), null, 2) + '\n';
  await writeFile(path.join(reportDir, 'conformance.json'), json);
  await writeFile(
    path.join(reportDir, 'conformance.md'),
    matrixToMarkdown(context),
  );

  if (adminKey) await redactReportFiles(reportDir, adminKey);
}

async function redactReportFiles(dir: string, secret: string): Promise<void> {
  for (const name of REPORT_FILES) {
    const file = path.join(dir, name);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;

    const redacted = redactSecret(text, secret);
    if (redacted !== text) await writeFile(file, redacted);
  }
}

function resultLine(context: ReportContext): string {
  if (context.interrupted) {
    return `Result: INTERRUPTED by ${context.interrupted} (incomplete)`;
  }
  return context.exitCode === 0 ? 'Result: passed' : 'Result: FAILED';
}

function interruptionNotice(context: ReportContext): string[] {
  if (!context.interrupted) return [];
  return [
    `**Interrupted by ${context.interrupted}**: the run stopped early, so ` +
      'the results are incomplete. Scenarios that did not finish, or with ' +
      'worker processes did not start, count as failed.',
    '',
  ];
}

function tagFilterNotice(context: ReportContext): string[] {
  if (!context.tagFilter) return [];
  return [
    `**Filtered by tags** \`${context.tagFilter}\`: each verdict covers ` +
      'only the scenarios that matched. A rule can pass here although some ' +
      'of its scenarios did not run.',
    '',
  ];
}

/** Names the profile rules whose scenarios failed without failing the run. */
function explainDifferences(matrix: Matrix): string[] {
  const differing = matrix.rules.filter((r) => r.verdict === 'differs');
  if (differing.length === 0) return [];

  const list = differing.map((rule) => {
    const noun = rule.failed === 1 ? 'scenario' : 'scenarios';
    return `${rule.id} (${rule.failed} ${noun})`;
  });
  return [
    `Differs from the reference (profile, informational): ${list.join(', ')}`,
  ];
}

function explainExtraFailures(matrix: Matrix): string[] {
  const lines: string[] = [];

  for (const error of matrix.runErrors) lines.push(`  Run error: ${error}`);
  if (matrix.scenarios.length === 0) {
    lines.push('  No scenario ran: check the tag expression and features.');
  }
  if (matrix.uncoveredRuleIds.length > 0) {
    lines.push(
      '  Doc and http rules without any scenario: ' +
        matrix.uncoveredRuleIds.join(', '),
    );
  }
  const unattributed = requiredFailures(matrix).filter(
    (s) => s.ruleIds.length === 0,
  );
  for (const scenario of unattributed) {
    lines.push(`  FAIL (no rule tag) ${formatFailure(scenario)}`);
  }
  if (matrix.unknownRuleTags.length > 0) {
    lines.push(
      '  Tags that name no known rule: ' + matrix.unknownRuleTags.join(', '),
    );
  }

  return lines;
}

function failedScenarios(matrix: Matrix): ScenarioOutcome[] {
  return matrix.scenarios.filter((s) => s.status === 'failed');
}

function skippedScenarios(matrix: Matrix): ScenarioOutcome[] {
  return matrix.scenarios.filter((s) => s.status === 'skipped');
}

function describeSkip(scenario: ScenarioOutcome) {
  return {
    name: scenario.name,
    location: scenario.location,
    ruleIds: scenario.ruleIds,
    level: scenario.level,
    reason: skipReasonOf(scenario) ?? null,
  };
}

function skipReasonOf(scenario: ScenarioOutcome): string | undefined {
  if (scenario.skipReason === undefined) return undefined;
  return redactCredentials(scenario.skipReason);
}

function formatSkip(scenario: ScenarioOutcome): string {
  const where = `${scenario.location}, ${scenario.level}`;
  const reason = skipReasonOf(scenario) ?? 'no reason logged';
  return `${scenario.name} (${where}): ${reason}`;
}

function failuresOfRule(matrix: Matrix, ruleId: string): ScenarioOutcome[] {
  return failedScenarios(matrix).filter((s) => s.ruleIds.includes(ruleId));
}

function describeFailure(scenario: ScenarioOutcome) {
  return {
    name: scenario.name,
    location: scenario.location,
    ruleIds: scenario.ruleIds,
    level: scenario.level,
    stepStatus: scenario.stepStatus,
    firstFailure: maskedFirstFailure(scenario) ?? null,
  };
}

function maskedFirstFailure(scenario: ScenarioOutcome): string | undefined {
  if (scenario.firstFailure === undefined) return undefined;
  return redactCredentials(scenario.firstFailure);
}

/** Formats a failed scenario as a Markdown list item with its error line. */
function formatFailureWithMessage(scenario: ScenarioOutcome): string[] {
  const item = `- ${formatFailure(scenario)}`;
  const message = maskedFirstFailure(scenario);
  if (message === undefined) return [item];

  return [item, `  ${toCodeSpan(message)}`];
}

/**
 * Wraps text in an inline code span that shows it verbatim (CommonMark
 * 0.31, section 6.1): the fence is longer than any backtick run inside.
 * A space pads the content only where the span needs one: content that
 * starts or ends with a backtick, or starts and ends with a space, which
 * a renderer would otherwise strip.
 */
export function toCodeSpan(text: string): string {
  const longestRun = Math.max(
    0,
    ...(text.match(/`+/g) ?? []).map((run) => run.length),
  );
  const fence = '`'.repeat(longestRun + 1);
  const padded =
    text.startsWith('`') ||
    text.endsWith('`') ||
    (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '');
  const content = padded ? ` ${text} ` : text;
  return `${fence}${content}${fence}`;
}

function formatFailure(scenario: ScenarioOutcome): string {
  const status = scenario.stepStatus.toLowerCase();
  return `${scenario.name} (${scenario.location}, ${scenario.level}, ${status})`;
}

function bulletList(items: string[]): string[] {
  return items.length === 0 ? ['None.'] : items.map((item) => `- ${item}`);
}
