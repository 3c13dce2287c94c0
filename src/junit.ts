/**
 * Post-processing of cucumber's JUnit XML report. In normative mode a
 * failed scenario of a profile-level rule only shows that the target made
 * another choice than the reference, which does not fail the run. Cucumber
 * still writes such a testcase as a failure, so this module rewrites it as
 * a passed testcase with a note in its `<system-out>`. It also copies the
 * reason of each skipped scenario into the `message` of its `<skipped/>`.
 */
import { readFile, writeFile } from 'node:fs/promises';

import {
  namingStrategy,
  NamingStrategyExampleName,
  NamingStrategyFeatureName,
  NamingStrategyLength,
  Query,
} from '@cucumber/query';

import { isRequired, Matrix, ScenarioOutcome } from './matrix';
import { redactCredentials } from './secrets';

type Envelope = Parameters<Query['update']>[0];

export interface JunitRewriteResult {
  /** Testcases whose `<failure>` element was replaced by a note. */
  rewritten: number;
  /** `<skipped/>` elements that received a reason. */
  skipReasons: number;
  /**
   * Informational failures left as JUnit failures: their testcase name is
   * unknown or shared with a required scenario.
   */
  unmatched: number;
  /** Reason the file was left unchanged, if it was. */
  problem?: string;
}

// The testcase names of @cucumber/junit-xml-formatter 0.13.3 (the version
// cucumber-js 12.9.0 uses) when no junit format options are given.
const JUNIT_NAMING = namingStrategy(
  NamingStrategyLength.LONG,
  NamingStrategyFeatureName.EXCLUDE,
  NamingStrategyExampleName.NUMBER_AND_PICKLE_IF_PARAMETERIZED,
);

/** Changes to make, each by `testcaseKey(classname, name)`. */
export interface JunitChanges {
  /** Notes that replace the `<failure>` element of the testcase. */
  notes: ReadonlyMap<string, string>;
  /** Reasons for the `<skipped/>` element of the testcase. */
  skipReasons: ReadonlyMap<string, string>;
}

/**
 * Rewrites the informational failures of a normative run and the skip
 * reasons in `file`. Never throws: an unreadable or unexpected file is
 * left as it is, with the reason in the result.
 */
export async function rewriteJunitReport(
  file: string,
  matrix: Matrix,
  envelopes: readonly unknown[],
): Promise<JunitRewriteResult> {
  const unchanged = { rewritten: 0, skipReasons: 0, unmatched: 0 };
  const xml = await readFile(file, 'utf8').catch(() => undefined);
  if (xml === undefined) return { ...unchanged, problem: `${file} is missing` };

  let keys: Map<string, string>;
  try {
    keys = testcaseKeys(envelopes);
  } catch (error) {
    const reason = String(error);
    const problem = `the testcase names could not be computed: ${reason}`;
    return { ...unchanged, problem };
  }

  const notes = informationalNotes(matrix, keys);
  const changes = {
    notes: notes.byTestcase,
    skipReasons: skipReasons(matrix, keys),
  };
  const result = rewriteJunitXml(xml, changes);
  if (result.problem !== undefined) {
    const { problem } = result;
    return { ...unchanged, unmatched: notes.unmatched, problem };
  }

  if (result.xml !== xml) {
    const failed = await writeFile(file, result.xml).catch(String);
    if (failed) return { ...unchanged, problem: `writing failed: ${failed}` };
  }
  return {
    rewritten: result.rewritten,
    skipReasons: result.skipReasons,
    unmatched: notes.unmatched,
  };
}

/** Maps the testcase key of each skipped scenario to its logged reason. */
function skipReasons(
  matrix: Matrix,
  keys: Map<string, string>,
): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const scenario of matrix.scenarios) {
    const key = keys.get(scenario.pickleId ?? '');
    if (key === undefined || scenario.skipReason === undefined) continue;
    reasons.set(key, redactCredentials(scenario.skipReason));
  }
  return reasons;
}

/**
 * Maps `testcaseKey(classname, name)` to the note that replaces the
 * failure. A key shared by a required scenario and an informational one
 * gets no note, so the failure is kept there and counted as unmatched.
 */
function informationalNotes(
  matrix: Matrix,
  keys: Map<string, string>,
): { byTestcase: Map<string, string>; unmatched: number } {
  const byTestcase = new Map<string, string>();
  let unmatched = 0;
  if (matrix.mode !== 'normative') return { byTestcase, unmatched };

  const scenariosByKey = new Map<string, ScenarioOutcome[]>();
  for (const scenario of matrix.scenarios) {
    const key = keys.get(scenario.pickleId ?? '');
    if (key === undefined) continue;
    scenariosByKey.set(key, [...(scenariosByKey.get(key) ?? []), scenario]);
  }

  for (const scenario of matrix.scenarios) {
    if (!isInformationalFailure(scenario, matrix)) continue;

    const key = keys.get(scenario.pickleId ?? '');
    const sharing = key === undefined ? [] : scenariosByKey.get(key)!;
    const alone = sharing.every((other) =>
      isInformationalFailure(other, matrix),
    );
    if (key === undefined || !alone) {
      unmatched += 1;
      continue;
    }
    byTestcase.set(key, differenceNote(scenario));
  }

  return { byTestcase, unmatched };
}

export function testcaseKey(classname: string, name: string): string {
  return `${classname}\u0000${name}`;
}

function isInformationalFailure(s: ScenarioOutcome, matrix: Matrix): boolean {
  return s.status === 'failed' && !isRequired(s, matrix.mode);
}

/** Computes the JUnit classname and name of every pickle, by pickle id. */
function testcaseKeys(envelopes: readonly unknown[]): Map<string, string> {
  const query = new Query();
  for (const envelope of envelopes) query.update(envelope as Envelope);

  const keys = new Map<string, string>();
  for (const pickle of query.findAllPickles()) {
    const lineage = query.findLineageBy(pickle);
    if (lineage === undefined) continue;

    const classname = lineage.feature?.name ?? pickle.uri;
    const name = JUNIT_NAMING.reduce(lineage, pickle);
    keys.set(pickle.id, testcaseKey(classname, name));
  }
  return keys;
}

function differenceNote(scenario: ScenarioOutcome): string {
  const rules = scenario.ruleIds.join(', ') || '(no rule tag)';
  const firstLine = redactCredentials(scenario.firstFailure ?? '(no message)');
  return (
    `Not counted as a failure: the target differs from the reference's ` +
    `choice for rule ${rules} (profile level, informational in normative ` +
    `mode).\nFirst failure: ${firstLine}\n`
  );
}

interface XmlTag {
  kind: 'open' | 'close' | 'empty';
  name: string;
  /** Offset of `<` and the offset just after `>`. */
  start: number;
  end: number;
  attributes: Map<string, string>;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface OpenTestcase {
  key: string;
  failures: { start: number; end: number }[];
  /** A `<skipped/>` element without content. */
  skipped?: XmlTag;
  failureStart?: number;
  systemOutStart?: number;
}

/**
 * Removes the `<failure>` element of each testcase that has a note, puts
 * the note at the start of its `<system-out>`, and lowers the `failures`
 * attribute of `<testsuite>` by the number of testcases changed. Gives a
 * `<skipped/>` element without a message its reason. Everything else stays
 * byte for byte.
 */
export function rewriteJunitXml(
  xml: string,
  changes: JunitChanges,
): { xml: string; rewritten: number; skipReasons: number; problem?: string } {
  const tags = scanTags(xml);
  if (tags === undefined) {
    const problem = 'the JUnit XML is not well formed';
    return { xml, rewritten: 0, skipReasons: 0, problem };
  }

  const edits: Edit[] = [];
  let suite: XmlTag | undefined;
  let testcase: OpenTestcase | undefined;
  let rewritten = 0;
  let reasons = 0;

  for (const tag of tags) {
    if (tag.name === 'testsuite' && tag.kind === 'open') suite = tag;
    if (tag.name === 'testcase' && tag.kind === 'open') {
      const classname = tag.attributes.get('classname') ?? '';
      const name = tag.attributes.get('name') ?? '';
      testcase = { key: testcaseKey(classname, name), failures: [] };
      continue;
    }
    if (testcase === undefined) continue;

    if (tag.name === 'testcase' && tag.kind === 'close') {
      const note = changes.notes.get(testcase.key);
      if (note !== undefined && testcase.failures.length > 0) {
        edits.push(...noteEdits(xml, testcase, tag.start, note));
        rewritten += 1;
      }
      const reason = changes.skipReasons.get(testcase.key);
      if (reason !== undefined && testcase.skipped !== undefined) {
        edits.push(skipReasonEdit(testcase.skipped, reason));
        reasons += 1;
      }
      testcase = undefined;
    } else {
      trackChild(testcase, tag);
    }
  }

  if (rewritten > 0 && suite === undefined) {
    const problem = 'the JUnit XML has no <testsuite>';
    return { xml, rewritten: 0, skipReasons: 0, problem };
  }
  if (suite !== undefined && rewritten > 0) {
    edits.push(failureCountEdit(xml, suite, rewritten));
  }
  const rewrittenXml = edits.length > 0 ? applyEdits(xml, edits) : xml;
  return { xml: rewrittenXml, rewritten, skipReasons: reasons };
}

function trackChild(testcase: OpenTestcase, tag: XmlTag): void {
  if (tag.name === 'failure' || tag.name === 'error') {
    if (tag.kind === 'empty') {
      testcase.failures.push({ start: tag.start, end: tag.end });
    } else if (tag.kind === 'open') {
      testcase.failureStart = tag.start;
    } else if (testcase.failureStart !== undefined) {
      testcase.failures.push({ start: testcase.failureStart, end: tag.end });
      testcase.failureStart = undefined;
    }
  }
  if (tag.name === 'system-out' && tag.kind === 'open') {
    testcase.systemOutStart = tag.end;
  }
  if (tag.name === 'skipped' && tag.kind === 'empty') {
    if (!tag.attributes.has('message')) testcase.skipped = tag;
  }
}

function skipReasonEdit(skipped: XmlTag, reason: string): Edit {
  const text = `<skipped message="${escapeAttribute(reason)}"/>`;
  return { start: skipped.start, end: skipped.end, text };
}

// Escapes an attribute value in double quotes; line breaks and tabs become
// character references so that attribute normalization keeps them.
function escapeAttribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll('\t', '&#x9;')
    .replaceAll('\n', '&#xA;')
    .replaceAll('\r', '&#xD;');
}

function noteEdits(
  xml: string,
  testcase: OpenTestcase,
  closeStart: number,
  note: string,
): Edit[] {
  // Each failure element goes with the indentation of its line.
  const edits: Edit[] = testcase.failures.map(({ start, end }) => ({
    start: lineStart(xml, start),
    end,
    text: '',
  }));

  const cdata = toCdata(note);
  if (testcase.systemOutStart !== undefined) {
    edits.push({
      start: testcase.systemOutStart,
      end: testcase.systemOutStart,
      text: cdata,
    });
  } else {
    edits.push({
      start: closeStart,
      end: closeStart,
      text: `  <system-out>${cdata}</system-out>\n  `,
    });
  }
  return edits;
}

// Moves an offset back over the spaces and the line break before it.
function lineStart(xml: string, offset: number): number {
  let start = offset;
  while (start > 0 && (xml[start - 1] === ' ' || xml[start - 1] === '\t')) {
    start -= 1;
  }
  return start > 0 && xml[start - 1] === '\n' ? start - 1 : start;
}

// A CDATA section cannot contain `]]>`, so that sequence is split across
// two sections (XML 1.0, production [20] CData).
function toCdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function failureCountEdit(xml: string, suite: XmlTag, fewer: number): Edit {
  const text = xml.slice(suite.start, suite.end);
  const updated = text.replace(
    /(\sfailures=")(\d+)(")/,
    (_match, before: string, count: string, after: string) =>
      `${before}${Math.max(0, Number(count) - fewer)}${after}`,
  );
  return { start: suite.start, end: suite.end, text: updated };
}

function applyEdits(xml: string, edits: Edit[]): string {
  const ordered = [...edits].sort((a, b) => b.start - a.start);
  let result = xml;
  for (const edit of ordered) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

/**
 * Lists the element tags of an XML document, skipping the prolog,
 * comments, CDATA sections and character data. Returns undefined when a
 * construct is not terminated. Follows XML 1.0 productions [40] STag,
 * [42] ETag and [44] EmptyElemTag, with attribute values in either quote.
 */
export function scanTags(xml: string): XmlTag[] | undefined {
  const tags: XmlTag[] = [];
  let offset = xml.indexOf('<');

  while (offset >= 0) {
    const skipped = skipMarkup(xml, offset);
    if (skipped === undefined) return undefined;
    if (skipped > offset) {
      offset = xml.indexOf('<', skipped);
      continue;
    }

    const tag = readTag(xml, offset);
    if (tag === undefined) return undefined;
    tags.push(tag);
    offset = xml.indexOf('<', tag.end);
  }

  return tags;
}

const SKIPPED_MARKUP: [open: string, close: string][] = [
  ['<![CDATA[', ']]>'],
  ['<!--', '-->'],
  ['<?', '?>'],
  ['<!', '>'],
];

// Returns the offset after a non-element construct, the same offset for
// an element tag, or undefined for an unterminated construct.
function skipMarkup(xml: string, offset: number): number | undefined {
  for (const [open, close] of SKIPPED_MARKUP) {
    if (!xml.startsWith(open, offset)) continue;
    const end = xml.indexOf(close, offset + open.length);
    return end < 0 ? undefined : end + close.length;
  }
  return offset;
}

const tagNameRegExp = /<(\/?)([A-Za-z_:][\w:.-]*)/y;
const attributeRegExp = /\s+([A-Za-z_:][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/y;
const tagEndRegExp = /\s*(\/?)>/y;

function readTag(xml: string, start: number): XmlTag | undefined {
  tagNameRegExp.lastIndex = start;
  const head = tagNameRegExp.exec(xml);
  if (head === null) return undefined;

  const attributes = new Map<string, string>();
  let offset = start + head[0].length;
  attributeRegExp.lastIndex = offset;
  for (let match = attributeRegExp.exec(xml); match !== null; ) {
    attributes.set(match[1], decodeEntities(match[3] ?? match[4]));
    offset = attributeRegExp.lastIndex;
    match = attributeRegExp.exec(xml);
  }

  tagEndRegExp.lastIndex = offset;
  const tail = tagEndRegExp.exec(xml);
  if (tail === null) return undefined;

  let kind: XmlTag['kind'] = 'open';
  if (head[1] === '/') kind = 'close';
  else if (tail[1] === '/') kind = 'empty';
  return {
    kind,
    name: head[2],
    start,
    end: offset + tail[0].length,
    attributes,
  };
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

// Entity and character references of XML 1.0, productions [66] and [68].
function decodeEntities(value: string): string {
  return value.replace(
    /&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g,
    (reference: string, body: string) => {
      if (body.startsWith('#x')) return codePoint(body.slice(2), 16, reference);
      if (body.startsWith('#')) return codePoint(body.slice(1), 10, reference);
      return NAMED_ENTITIES[body] ?? reference;
    },
  );
}

function codePoint(digits: string, radix: number, fallback: string): string {
  const value = Number.parseInt(digits, radix);
  return value <= 0x10ffff ? String.fromCodePoint(value) : fallback;
}
