/**
 * The configuration file: policy, ingest tokens and API keys in one lowdb
 * JSON file. lowdb writes through a temporary file and a rename, so a crash
 * leaves either the old or the new file. Updates run one at a time so two
 * requests cannot lose each other's change.
 */

import path from 'node:path';
import { z } from 'zod';

import type { ConfigData } from './types';

export const CONFIG_FILE_NAME = 'config.json';

const nameSchema = z.string();

const configSchema = z.object({
  policy: z.object({
    require: z.boolean(),
    apiEnabled: z.boolean(),
    shimsEnabled: z.boolean(),
  }),
  tokens: z.array(
    z.object({
      id: z.string(),
      name: nameSchema,
      env: z.string(),
      indexes: z.array(z.string()),
      enabled: z.boolean(),
      secretHash: z.string(),
      last4: z.string(),
      errors: z.number(),
      createdAt: z.string(),
    }),
  ),
  apiKeys: z.array(
    z.object({
      id: z.string(),
      name: nameSchema,
      role: z.enum(['admin', 'reader']),
      secretHash: z.string(),
      last4: z.string(),
      createdAt: z.string(),
    }),
  ),
});

export function defaultConfig(): ConfigData {
  return {
    policy: { require: false, apiEnabled: true, shimsEnabled: true },
    tokens: [],
    apiKeys: [],
  };
}

export interface ConfigDb {
  readonly file: string;
  /** The current data; callers must not change it outside `update`. */
  data(): ConfigData;
  /**
   * Applies `change` to a copy of the data and writes it. Calls run one at a
   * time; when the write fails, the data stays as it was.
   */
  update<T>(change: (data: ConfigData) => T): Promise<T>;
}

interface LowLike {
  data: ConfigData;
  read(): Promise<void>;
  write(): Promise<void>;
}

/**
 * Opens `config.json` in `dataDir`, creating it when absent. An unreadable
 * or invalid file fails with an error naming it and is left untouched.
 */
export async function openConfigDb(dataDir: string): Promise<ConfigDb> {
  const file = path.join(dataDir, CONFIG_FILE_NAME);
  const { JSONFile } = await import('lowdb/node');
  const { Low } = await import('lowdb');
  const db: LowLike = new Low<ConfigData>(new JSONFile(file), defaultConfig());

  await readValidated(db, file);
  await db.write();
  return serialized(db, file);
}

async function readValidated(db: LowLike, file: string): Promise<void> {
  try {
    await db.read();
  } catch (error) {
    throw new Error(
      `Cannot read config file ${file}: ${describe(error)}. ` +
        'Fix or move the file; the server does not overwrite it.',
    );
  }

  const checked = configSchema.safeParse(db.data);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue.path.join('.') || '(root)';
    throw new Error(
      `Invalid config file ${file}: ${where}: ${issue.message}. ` +
        'Fix or move the file; the server does not overwrite it.',
    );
  }
  db.data = checked.data;
}

function serialized(db: LowLike, file: string): ConfigDb {
  let queue: Promise<unknown> = Promise.resolve();

  function update<T>(change: (data: ConfigData) => T): Promise<T> {
    const run = queue.then(async () => {
      // The change goes to a copy, so a failed write leaves the data in
      // memory as it is on disk.
      const previous = db.data;
      const draft = structuredClone(previous);
      const result = change(draft);

      db.data = draft;
      try {
        await db.write();
      } catch (error) {
        db.data = previous;
        throw error;
      }
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  }

  return { file, data: () => db.data, update };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
