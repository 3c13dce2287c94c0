import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import { parseAuthorization } from '../../reference/auth/parse';
import {
  resolveCredential,
  type TokenRecordView,
} from '../../reference/auth/resolve';

const enabledToken: TokenRecordView = {
  id: 'tok-a',
  env: 'prod',
  indexes: [],
  enabled: true,
};
const otherToken: TokenRecordView = { ...enabledToken, id: 'tok-b' };
const disabledToken: TokenRecordView = {
  ...enabledToken,
  id: 'tok-off',
  enabled: false,
};

const secrets: Record<string, TokenRecordView> = {
  'hlt_Secret-A': enabledToken,
  'hlt_Secret-B': otherToken,
  'hlt_Secret-Off': disabledToken,
};

function findToken(secret: string): TokenRecordView | undefined {
  return Object.hasOwn(secrets, secret) ? secrets[secret] : undefined;
}

function basic(text: string): string {
  return 'Basic ' + Buffer.from(text, 'utf8').toString('base64');
}

function resolve(
  authorization: string | string[] | undefined,
  require = false,
) {
  return resolveCredential({ require, authorization, findToken });
}

describe('parseAuthorization', () => {
  it('absent or empty is none', () => {
    assert.deepEqual(parseAuthorization(undefined), { kind: 'none' });
    assert.deepEqual(parseAuthorization(''), { kind: 'none' });
    assert.deepEqual(parseAuthorization('  '), { kind: 'none' });
  });

  it('scheme names ignore case', () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      const parsed = parseAuthorization(`${scheme} abc`);
      assert.deepEqual(parsed, {
        kind: 'strict',
        scheme: 'bearer',
        credential: 'abc',
        wellFormed: true,
      });
    }
    const splunk = parseAuthorization('SPLUNK abc');
    assert.equal(splunk.kind === 'strict' && splunk.scheme, 'splunk');
  });

  it('several spaces after the scheme are accepted', () => {
    const parsed = parseAuthorization('Bearer    abc');
    assert.equal(parsed.kind === 'strict' && parsed.credential, 'abc');
  });

  it('tab after the scheme is unsupported', () => {
    assert.deepEqual(parseAuthorization('Bearer\tabc'), {
      kind: 'unsupported',
      scheme: 'Bearer',
    });
  });

  it('bare value is an unsupported scheme', () => {
    const parsed = parseAuthorization('hlt_abcdef');
    assert.deepEqual(parsed, { kind: 'unsupported', scheme: 'hlt_abcdef' });
  });

  it('other schemes are unsupported', () => {
    for (const value of ['Token x', 'Digest realm="a"', 'ApiKey k']) {
      assert.equal(parseAuthorization(value).kind, 'unsupported', value);
    }
  });

  it('strict credential outside b64token is not well formed', () => {
    for (const value of ['Bearer abc def', 'Bearer abc=d', 'Bearer a"b']) {
      const parsed = parseAuthorization(value);
      assert.equal(parsed.kind, 'strict', value);
      assert.equal(parsed.kind === 'strict' && parsed.wellFormed, false);
    }
  });

  it('strict scheme alone has an empty credential', () => {
    const parsed = parseAuthorization('Bearer');
    assert.equal(parsed.kind === 'strict' && parsed.credential, '');
  });

  it('basic splits at the first colon', () => {
    assert.deepEqual(parseAuthorization(basic('user:pa:ss')), {
      kind: 'basic',
      username: 'user',
      password: 'pa:ss',
    });
    assert.deepEqual(parseAuthorization(basic(':only-pass')), {
      kind: 'basic',
      username: '',
      password: 'only-pass',
    });
  });

  it('basic without padding is accepted', () => {
    const padded = Buffer.from('a:b').toString('base64') + '';
    const unpadded = Buffer.from('ab:c').toString('base64').replace(/=+$/, '');
    assert.equal(parseAuthorization('Basic ' + padded).kind, 'basic');
    assert.deepEqual(parseAuthorization('Basic ' + unpadded), {
      kind: 'basic',
      username: 'ab',
      password: 'c',
    });
  });

  it('basic with bad base64 is malformed', () => {
    const cases = [
      'Basic',
      'Basic !!!!',
      'Basic YTpi YTpi',
      'Basic YTpiYw==YQ',
      'Basic YTpiYw=',
      'Basic Y',
    ];
    for (const value of cases) {
      assert.deepEqual(
        parseAuthorization(value),
        { kind: 'basic-malformed' },
        value,
      );
    }
  });

  it('basic without colon keeps the decoded text', () => {
    assert.deepEqual(parseAuthorization(basic('nocolon')), {
      kind: 'basic-malformed',
      decoded: 'nocolon',
    });
  });

  it('basic with invalid UTF-8 is malformed', () => {
    const encoded = Buffer.from([0x61, 0x3a, 0xff]).toString('base64');
    assert.deepEqual(parseAuthorization('Basic ' + encoded), {
      kind: 'basic-malformed',
    });
  });
});

describe('resolveCredential', () => {
  it('no header is open unless required', () => {
    assert.deepEqual(resolve(undefined), { outcome: 'open' });
    const required = resolve(undefined, true);
    assert.equal(required.outcome, 'reject');
    assert.equal(required.outcome === 'reject' && required.status, 401);
    assert.equal(
      required.outcome === 'reject' && required.reason,
      'token_required',
    );
  });

  it('two headers are a 400', () => {
    const result = resolve(['Bearer hlt_Secret-A', 'Bearer hlt_Secret-A']);
    assert.equal(result.outcome === 'reject' && result.status, 400);
    assert.equal(
      result.outcome === 'reject' && result.reason,
      'duplicate_authorization',
    );
  });

  it('one header in an array is read', () => {
    const result = resolve(['Bearer hlt_Secret-A']);
    assert.equal(result.outcome === 'token' && result.token.id, 'tok-a');
  });

  const strictTable: Array<[string, string, boolean]> = [
    ['Bearer hlt_Secret-A', 'token', false],
    ['Splunk hlt_Secret-A', 'token', false],
    ['bearer hlt_Secret-A', 'token', false],
    ['Bearer hlt_secret-a', 'invalid_token', false],
    ['Bearer unknown', 'invalid_token', false],
    ['Bearer', 'invalid_token', false],
    ['Bearer hlt_Secret-A junk', 'invalid_token', false],
    ['Splunk hlt_Secret-Off', 'token_disabled', false],
    ['Token hlt_Secret-A', 'unsupported_scheme', false],
    ['hlt_Secret-A', 'unsupported_scheme', false],
    ['Bearer\thlt_Secret-A', 'unsupported_scheme', false],
    ['Bearer hlt_Secret-A', 'token', true],
  ];
  for (const [header, expected, require] of strictTable) {
    it(`strict table: ${header} (require ${require})`, () => {
      const result = resolve(header, require);
      const actual =
        result.outcome === 'reject' ? result.reason : result.outcome;
      assert.equal(actual, expected);
    });
  }

  const basicTable: Array<[string, string, boolean]> = [
    ['hlt_Secret-A:', 'token', false],
    ['hlt_Secret-A:anything', 'token', false],
    [':hlt_Secret-A', 'token', false],
    ['someone:hlt_Secret-A', 'token', false],
    ['hlt_Secret-A:hlt_Secret-A', 'token', false],
    ['hlt_Secret-A:hlt_Secret-B', 'ambiguous_credential', false],
    ['hlt_Secret-A:hlt_Secret-Off', 'ambiguous_credential', false],
    ['hlt_Secret-Off:', 'token_disabled', false],
    ['x:hlt_Secret-Off', 'token_disabled', true],
    ['hlt_secret-a:x', 'open', false],
    ['nobody:nothing', 'open', false],
    ['nobody:nothing', 'token_required', true],
    ['hlt_Secret-A', 'token', false],
    ['nocolon', 'open', false],
    ['nocolon', 'token_required', true],
  ];
  for (const [text, expected, require] of basicTable) {
    it(`basic table: ${text} (require ${require})`, () => {
      const result = resolve(basic(text), require);
      const actual =
        result.outcome === 'reject' ? result.reason : result.outcome;
      assert.equal(actual, expected);
    });
  }

  it('malformed basic is open or 401', () => {
    assert.deepEqual(resolve('Basic !!!'), { outcome: 'open' });
    const required = resolve('Basic !!!', true);
    assert.equal(required.outcome === 'reject' && required.status, 401);
  });

  it('every rejection carries a public code', () => {
    const rejected = resolve('Bearer nope');
    assert.equal(
      rejected.outcome === 'reject' && rejected.code,
      'unauthorized',
    );
    const duplicate = resolve(['a', 'b']);
    assert.equal(
      duplicate.outcome === 'reject' && duplicate.code,
      'invalid_request',
    );
  });

  it('a replaced parser is used', () => {
    const result = resolveCredential({
      require: false,
      authorization: 'anything',
      findToken,
      parse: () => ({ kind: 'none' }),
    });
    assert.deepEqual(result, { outcome: 'open' });
  });
});
