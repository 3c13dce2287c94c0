import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  Masker,
  curlCommand,
  failureReport,
  type Exchange,
} from '../../steps/support/exchanges';

const TOKEN = 'hlt_SECRETsecretSECRET';
const ADMIN = 'hlk_ADMINadminADMIN';

function masker(): Masker {
  const m = new Masker();
  m.add(TOKEN, 'HELIOS_TOKEN_1', 'the secret of ingest token "a"');
  m.add(ADMIN, 'HELIOS_ADMIN_KEY', 'the admin API key');
  return m;
}

function exchange(): Exchange {
  return {
    method: 'POST',
    url: `http://127.0.0.1:1/api/ingest?index=app&token=${TOKEN}`,
    headers: [
      {
        name: 'Authorization',
        value: `Bearer ${TOKEN}`,
        shell: 'Bearer $HELIOS_TOKEN_1',
        description: 'Bearer with $HELIOS_TOKEN_1',
      },
      {
        name: 'Authorization',
        value: 'Basic Zm9vOmJhcg==',
        description: 'Basic foo:bar',
      },
      { name: 'Content-Type', value: 'application/x-ndjson' },
    ],
    body: `{"marker":"m1","note":"${ADMIN}"}\n`,
    status: 401,
    durationMs: 3,
    responseBody: `{"error":{"message":"bad ${TOKEN}"}}`,
  };
}

test('masker replaces every known secret', () => {
  const text = masker().mask(`a ${TOKEN} b ${ADMIN} c ${TOKEN}`);

  assert.ok(!text.includes(TOKEN));
  assert.ok(!text.includes(ADMIN));
  assert.equal(
    text,
    'a <$HELIOS_TOKEN_1> b <$HELIOS_ADMIN_KEY> c <$HELIOS_TOKEN_1>',
  );
});

test('report contains no secret or authorization value', () => {
  const report = failureReport([exchange(), exchange()], masker());

  assert.ok(!report.includes(TOKEN));
  assert.ok(!report.includes(ADMIN));
  assert.ok(!report.includes('Zm9vOmJhcg=='));
  assert.match(report, /#2 POST/);
  assert.match(report, /< 401/);
});

test('curl reads secrets from variables', () => {
  const command = curlCommand(exchange(), masker());

  assert.ok(!command.includes(TOKEN));
  assert.ok(command.includes('-H "Authorization: Bearer $HELIOS_TOKEN_1"'));
  assert.ok(command.includes('-H "Authorization: $HELIOS_AUTHORIZATION_1"'));
  assert.match(command, /HELIOS_TOKEN_1: the secret of ingest token "a"/);
  assert.match(
    command,
    /HELIOS_AUTHORIZATION_1: the raw Authorization value \(Basic foo:bar\)/,
  );
});

test('curl quotes a body with a here-document', () => {
  const command = curlCommand(exchange(), masker());
  assert.match(command, /--data-binary @- <<'HELIOS_BODY'\n\{"marker":"m1"/);
});

test('report without exchanges says so', () => {
  assert.equal(
    failureReport([], masker()),
    'The scenario made no HTTP request.',
  );
});
