import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { rewriteJunitXml, scanTags, testcaseKey } from '../../src/junit';
import { toCodeSpan } from '../../src/report';

// Shaped like the output of @cucumber/junit-xml-formatter 0.13.3. The
// first failure text contains markup that a plain text search would take
// for the end of the testcase.
const JUNIT = `<?xml version="1.0"?>
<testsuite name="Cucumber" time="0.1" tests="3" skipped="0" failures="2" errors="0">
  <testcase classname="Feature &amp; co" name="profile &quot;choice&quot;" time="0.01">
    <failure type="Error" message="expected 401"><![CDATA[Error: </testcase><failure> ]]&gt;]]></failure>
    <system-out><![CDATA[Given a failing step....failed]]></system-out>
  </testcase>
  <testcase classname="Feature &amp; co" name="doc rule" time="0.01">
    <failure type="Error" message="expected 2xx"><![CDATA[Error: expected 2xx]]></failure>
  </testcase>
  <testcase classname="Feature &amp; co" name="passing" time="0.01">
    <system-out><![CDATA[Given a passing step....passed]]></system-out>
  </testcase>
</testsuite>
`;

const PROFILE_KEY = testcaseKey('Feature & co', 'profile "choice"');

function notesOnly(notes: Map<string, string>) {
  return { notes, skipReasons: new Map<string, string>() };
}

describe('rewriteJunitXml', () => {
  it('drops the failure of a noted testcase', () => {
    const notes = new Map([[PROFILE_KEY, 'differs for rule X ]]> here\n']]);
    const { xml, rewritten } = rewriteJunitXml(JUNIT, notesOnly(notes));

    assert.equal(rewritten, 1);
    assert.equal(xml.match(/<failure /g)?.length, 1);
    assert.match(xml, /failures="1"/);
    assert.match(xml, /tests="3"/);
    const note = '<![CDATA[differs for rule X ]]]]><![CDATA[> here\n]]>';
    assert.ok(
      xml.includes(`<system-out>${note}<![CDATA[Given a failing step`),
      xml,
    );
  });

  it('adds system-out when missing', () => {
    const notes = new Map([[testcaseKey('Feature & co', 'doc rule'), 'n']]);
    const { xml } = rewriteJunitXml(JUNIT, notesOnly(notes));
    const testcase = xml.slice(xml.indexOf('name="doc rule"'));

    const systemOut = '<system-out><![CDATA[n]]></system-out>';
    assert.match(testcase, /^[^<]*>\n {4}<system-out>/);
    assert.ok(testcase.includes(`    ${systemOut}\n  </testcase>`), testcase);
  });

  it('keeps the file without notes', () => {
    const { xml, rewritten } = rewriteJunitXml(JUNIT, notesOnly(new Map()));
    assert.equal(rewritten, 0);
    assert.equal(xml, JUNIT);
  });

  it('gives a skipped testcase its reason', () => {
    const skipping = JUNIT.replace(
      '<system-out><![CDATA[Given a passing',
      '<skipped/>\n    <system-out><![CDATA[Given a passing',
    );
    const skipReasons = new Map([
      [
        testcaseKey('Feature & co', 'passing'),
        'needs "data" <files>\nand logs',
      ],
    ]);
    const result = rewriteJunitXml(skipping, { notes: new Map(), skipReasons });

    assert.equal(result.skipReasons, 1);
    assert.match(
      result.xml,
      /<skipped message="needs &quot;data&quot; &lt;files&gt;&#xA;and logs"\/>/,
    );
    assert.match(result.xml, /failures="2"/);
  });

  it('leaves malformed XML unchanged', () => {
    // Ends inside a CDATA section.
    const truncated = JUNIT.slice(0, JUNIT.indexOf('Given a failing'));
    const result = rewriteJunitXml(
      truncated,
      notesOnly(new Map([[PROFILE_KEY, 'n']])),
    );

    assert.equal(result.rewritten, 0);
    assert.equal(result.xml, truncated);
    assert.match(result.problem ?? '', /not well formed/);
  });
});

describe('scanTags', () => {
  it('decodes attribute references', () => {
    const tags = scanTags('<a b="&lt;&#x41;&#66;&apos;" c=\'"\'/>') ?? [];
    assert.equal(tags[0].kind, 'empty');
    assert.equal(tags[0].attributes.get('b'), "<AB'");
    assert.equal(tags[0].attributes.get('c'), '"');
  });

  it('skips CDATA content', () => {
    const tags = scanTags('<a><![CDATA[<b>]]></a>') ?? [];
    assert.deepEqual(
      tags.map((tag) => `${tag.kind} ${tag.name}`),
      ['open a', 'close a'],
    );
  });
});

describe('toCodeSpan', () => {
  it('has no padding for plain text', () => {
    const span = toCodeSpan('expected 2xx, got 401');
    assert.equal(span, '`expected 2xx, got 401`');
  });

  it('fences longer than inner backticks', () => {
    assert.equal(toCodeSpan('run `x` now'), '``run `x` now``');
  });

  it('pads text with an edge backtick', () => {
    assert.equal(toCodeSpan('`x'), '`` `x ``');
    assert.equal(toCodeSpan('x``'), '``` x`` ```');
  });
});
