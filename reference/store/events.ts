/**
 * The event store: one append-only NDJSON file for all envs, plus an
 * in-memory index by env loaded at start. An append writes the whole batch
 * with one buffer at the end of the file, so its cost does not depend on
 * how many events are already stored.
 */

import { open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

import type { EventStore, SearchQuery, StoredEvent } from './types';

export const EVENTS_FILE_NAME = 'events.ndjson';

/**
 * Opens `events.ndjson` in `dataDir`. A line that is not a stored event
 * fails the start with the file name and line number; the file is kept.
 */
export async function openEventStore(dataDir: string): Promise<EventStore> {
  const file = path.join(dataDir, EVENTS_FILE_NAME);
  const byKey: EventIndex = new Map();

  for (const event of await loadEvents(file)) addToIndex(byKey, event);
  const handle = await open(file, 'a');
  let size = (await handle.stat()).size;
  let queue: Promise<unknown> = Promise.resolve();

  function append(events: StoredEvent[]): Promise<void> {
    const run = queue.then(async () => {
      size = await writeBatch(handle, size, events);
      for (const event of events) addToIndex(byKey, event);
    });
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    append,
    search: (query) => searchIndex(byKey, query),
    close: async () => {
      await queue;
      await handle.close();
    },
  };
}

async function loadEvents(file: string): Promise<StoredEvent[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`Cannot read events file ${file}: ${String(error)}`);
  }

  const events: StoredEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '') continue;
    events.push(parseStoredLine(lines[i], file, i + 1));
  }
  return events;
}

function parseStoredLine(line: string, file: string, lineNo: number) {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    value = undefined;
  }
  if (!isStoredEvent(value)) {
    throw new Error(
      `Invalid events file ${file}: line ${lineNo} is not a stored event. ` +
        'Fix or move the file; the server does not overwrite it.',
    );
  }
  return value;
}

function isStoredEvent(value: unknown): value is StoredEvent {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.env === 'string' &&
    typeof record.index === 'string' &&
    typeof record.source === 'string' &&
    typeof record.receivedAt === 'string' &&
    (record.tokenId === null || typeof record.tokenId === 'string') &&
    'event' in record
  );
}

/**
 * Writes the batch as one buffer. On failure the file is cut back to its
 * previous size, so a batch is stored whole or not at all.
 */
async function writeBatch(
  handle: FileHandle,
  size: number,
  events: StoredEvent[],
): Promise<number> {
  const text = events.map((event) => JSON.stringify(event) + '\n').join('');
  const buffer = Buffer.from(text, 'utf8');

  try {
    let written = 0;
    while (written < buffer.length) {
      const result = await handle.write(buffer, written);
      written += result.bytesWritten;
    }
  } catch (error) {
    await handle.truncate(size).catch(() => undefined);
    throw error;
  }
  return size + buffer.length;
}

/** Lists per env, and per env and index under `env + "/" + index`. */
type EventIndex = Map<string, StoredEvent[]>;

function addToIndex(byKey: EventIndex, event: StoredEvent) {
  pushTo(byKey, event.env, event);
  pushTo(byKey, `${event.env}/${event.index}`, event);
}

function pushTo(byKey: EventIndex, key: string, event: StoredEvent) {
  const list = byKey.get(key);
  if (list === undefined) byKey.set(key, [event]);
  else list.push(event);
}

/** Returns the newest `limit` matching events, oldest first. */
function searchIndex(byKey: EventIndex, query: SearchQuery): StoredEvent[] {
  const key =
    query.index === undefined ? query.env : `${query.env}/${query.index}`;
  const matching = byKey.get(key) ?? [];
  return matching.slice(Math.max(0, matching.length - query.limit));
}
