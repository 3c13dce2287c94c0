/** Fresh reference apps for unit tests, with captured logs. */

import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';

import {
  createReferenceApp,
  type ReferenceApp,
  type ReferenceOptions,
} from '../../reference/app';

export const FIXTURES = path.join(
  __dirname,
  '..',
  '..',
  'fixtures',
  'payloads',
);

export interface TestReference extends ReferenceApp {
  dataDir: string;
  agent: ReturnType<typeof request>;
  /** Every log line the app wrote so far. */
  logs: string[];
  admin: (req: request.Test) => request.Test;
  /** Closes the app and removes its data dir. */
  dispose(): Promise<void>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'helios-unit-'));
}

export async function freshReference(
  options: Partial<ReferenceOptions> = {},
): Promise<TestReference> {
  const dataDir = options.dataDir ?? (await makeDataDir());
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);

  const reference = await createReferenceApp({ logger, ...options, dataDir });
  const auth = `Bearer ${reference.adminKey}`;
  return {
    ...reference,
    dataDir,
    agent: request(reference.app),
    logs,
    admin: (req) => req.set('Authorization', auth),
    dispose: async () => {
      await reference.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function fixture(name: string): Promise<string> {
  return readFile(path.join(FIXTURES, name), 'utf8');
}

export interface CreatedToken {
  id: string;
  secret: string;
  last4: string;
}

export async function createToken(
  ref: TestReference,
  body: { name?: string; env: string; indexes?: string[] },
): Promise<CreatedToken> {
  const res = await ref
    .admin(ref.agent.post('/api/admin/ingest-tokens'))
    .send({ name: 'unit', ...body });
  if (res.status !== 201) {
    throw new Error(`token creation: expected 201, got ${res.status}`);
  }
  return res.body as CreatedToken;
}

export async function setPolicy(
  ref: TestReference,
  change: Record<string, boolean>,
): Promise<void> {
  const res = await ref
    .admin(ref.agent.put('/api/admin/ingest-auth'))
    .send(change);
  if (res.status !== 200) {
    throw new Error(`policy change: expected 200, got ${res.status}`);
  }
}

export interface SearchedEvent {
  env: string;
  index: string;
  source: string;
  tokenId: string | null;
  receivedAt: string;
  event: unknown;
}

export async function search(
  ref: TestReference,
  env: string,
  index?: string,
): Promise<SearchedEvent[]> {
  const query = index === undefined ? { env } : { env, index };
  const res = await ref.admin(ref.agent.get('/api/search')).query(query);
  if (res.status !== 200) {
    throw new Error(`search: expected 200, got ${res.status}`);
  }
  return (res.body as { events: SearchedEvent[] }).events;
}

/** Concatenated text of every file in the data dir. */
export async function dataDirText(dataDir: string): Promise<string> {
  const names = await readdir(dataDir);
  const texts = await Promise.all(
    names.map((name) => readFile(path.join(dataDir, name), 'utf8')),
  );
  return texts.join('\n');
}

/**
 * Sends one header line per value. superagent hands an array to Node's
 * `setHeader`, which writes each entry as its own line; its types only
 * declare strings.
 */
export function setRepeated(
  req: request.Test,
  name: string,
  values: string[],
): request.Test {
  return req.set(name, values as unknown as string);
}
