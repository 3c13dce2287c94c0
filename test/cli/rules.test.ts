import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { RULES, RULE_LEVELS } from '../../src/rules';

// The specification with the rule table sits beside the repository in some
// workspaces only. Without it the comparison is skipped.
const specPath = path.resolve(__dirname, '../../../shared/spec/CONTRACT.md');

// One table row: `| ID | level | text |`, where the id cell may hold two ids
// separated by a slash.
const ruleRowRegExp =
  /^\|\s*([A-Z0-9-]+(?:\s*\/\s*[A-Z0-9-]+)*)\s*\|\s*(doc|http|profile)\s*\|/;

function readSpecRules(text: string): Map<string, string> {
  const rules = new Map<string, string>();

  for (const line of text.split('\n')) {
    const match = ruleRowRegExp.exec(line);
    if (!match) continue;

    for (const id of match[1].split('/')) rules.set(id.trim(), match[2]);
  }

  return rules;
}

describe('rule catalogue', () => {
  it('has unique ids', () => {
    const ids = RULES.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('uses known levels and one-line summaries', () => {
    for (const rule of RULES) {
      assert.ok(RULE_LEVELS.includes(rule.level), `${rule.id}: ${rule.level}`);
      assert.ok(rule.summary.length > 0, `${rule.id} has no summary`);
      assert.ok(!rule.summary.includes('\n'), `${rule.id} summary spans lines`);
    }
  });

  const skip = existsSync(specPath)
    ? false
    : `specification table not found at ${specPath}`;

  it('matches the specification table', { skip }, () => {
    const expected = readSpecRules(readFileSync(specPath, 'utf8'));
    const actual = new Map(RULES.map((rule) => [rule.id, rule.level]));

    assert.ok(expected.size > 0, 'no rule rows found in the specification');
    assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort());
    for (const [id, level] of expected) {
      assert.equal(actual.get(id), level, `level of ${id}`);
    }
  });
});
