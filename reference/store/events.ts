/**
 * The event store: one append-only NDJSON file for all envs, plus an
 * in-memory index by env loaded at start. An append writes the whole batch
 * with one buffer at the end of the file, so its cost does not depend on
 * how many events are already stored.
 */

import {
  appendFile,
  open,
  readFile,
  truncate,
  type FileHandle,
} from 'node:fs/promises';
import path from 'node:path';

import type {
  EventsRecovery,
  EventStore,
  SearchQuery,
  StoredEvent,
} from './types';

export const EVENTS_FILE_NAME = 'events.ndjson';

/**
 * Opens `events.ndjson` in `dataDir`. A complete line (one ending in a
 * newline) that is not a stored event fails the start with the file name and
 * line number, and the file is kept as it is. Only then is the last line
 * repaired when it has no newline (see `repairTail`).
 */
export async function openEventStore(dataDir: string): Promise<EventStore> {
  const file = path.join(dataDir, EVENTS_FILE_NAME);
  const byKey: EventIndex = new Map();

  const loaded = await loadEvents(file);
  const recovery = await repairTail(file, loaded);
  for (const event of loaded.events) addToIndex(byKey, event);
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
    ...(recovery === undefined ? {} : { recovery }),
    append,
    search: (query) => searchIndex(byKey, query),
    close: async () => {
      await queue;
      await handle.close();
    },
  };
}

interface LoadedEvents {
  events: StoredEvent[];
  /** Byte length of the lines that end in a newline. */
  completeBytes: number;
  /** Bytes after the last newline: empty unless a write was cut short. */
  tail: Buffer;
}

async function loadEvents(file: string): Promise<LoadedEvents> {
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { events: [], completeBytes: 0, tail: Buffer.alloc(0) };
    }
    throw new Error(`Cannot read events file ${file}: ${String(error)}`);
  }

  const completeBytes = content.lastIndexOf(NEWLINE) + 1;
  const complete = content.subarray(0, completeBytes).toString('utf8');
  const lines = complete.split('\n');
  const events: StoredEvent[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '') continue;
    events.push(parseStoredLine(lines[i], file, i + 1));
  }
  return { events, completeBytes, tail: content.subarray(completeBytes) };
}

const NEWLINE = 0x0a;

/**
 * Repairs a last line without a newline, which only a write cut short by a
 * crash leaves, because every append ends in a newline. When that line is a
 * stored event, it gets its newline and joins `loaded.events`, so the next
 * append starts a new line. Otherwise the line is torn. Its write never
 * finished, so no client received a success response, and the file is cut
 * after the last complete line.
 */
async function repairTail(
  file: string,
  loaded: LoadedEvents,
): Promise<EventsRecovery | undefined> {
  if (loaded.tail.length === 0) return undefined;

  const value = parseOrUndefined(loaded.tail.toString('utf8'));
  if (isStoredEvent(value)) {
    loaded.events.push(value);
    await appendFile(file, '\n');
    return { file, droppedBytes: 0, newlineAdded: true };
  }

  await truncate(file, loaded.completeBytes);
  return { file, droppedBytes: loaded.tail.length, newlineAdded: false };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseStoredLine(line: string, file: string, lineNo: number) {
  const value = parseOrUndefined(line);
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
