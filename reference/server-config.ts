/**
 * Start-up settings of the standalone reference server, read from the
 * environment. Every invalid value yields one line that names the variable,
 * the value (never the admin key) and the accepted range.
 */

import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';

import { DEFAULT_BODY_LIMIT_BYTES } from './app';

export const DEFAULT_PORT = 7300;

/** Shortest admin key accepted, so a key cannot be guessed by trying. */
export const MIN_ADMIN_KEY_LENGTH = 16;

const MAX_PORT = 65535;

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Undefined when unset, so the server creates and prints one. */
  adminKey?: string;
  bodyLimitBytes: number;
  logLevel: string;
}

export type ServerConfigResult =
  | { ok: true; config: ServerConfig }
  | { ok: false; problems: string[] };

/** Reads every setting and collects each invalid one as a message. */
export function readServerConfig(
  env: NodeJS.ProcessEnv,
): ServerConfigResult {
  const problems: string[] = [];
  const report = (problem: string) => problems.push(problem);

  const config: ServerConfig = {
    port: readWholeNumber(env, 'PORT', PORT_RANGE, DEFAULT_PORT, report),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.HELIOS_DATA_DIR || '.data'),
    adminKey: readAdminKey(env.HELIOS_ADMIN_KEY, report),
    bodyLimitBytes: readWholeNumber(
      env,
      'HELIOS_BODY_LIMIT',
      BODY_LIMIT_RANGE,
      DEFAULT_BODY_LIMIT_BYTES,
      report,
    ),
    logLevel: readLogLevel(env.HELIOS_LOG, report),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config };
}

type Report = (problem: string) => void;

interface Range {
  min: number;
  max: number;
  /** The accepted values, as the error message states them. */
  expected: string;
}

const PORT_RANGE: Range = {
  min: 0,
  max: MAX_PORT,
  expected: `a whole number from 0 to ${MAX_PORT}`,
};

const BODY_LIMIT_RANGE: Range = {
  min: 1,
  max: Number.MAX_SAFE_INTEGER,
  expected: 'a whole number of bytes, at least 1',
};

// Decimal digits only, so "1e3", "0x10", " 80" and "80.0" are rejected.
const wholeNumberRegExp = /^[0-9]+$/;

function readWholeNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  range: Range,
  fallback: number,
  report: Report,
): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;

  const value = Number(text);
  const inRange = value >= range.min && value <= range.max;
  if (wholeNumberRegExp.test(text) && inRange) return value;
  report(`Invalid ${name} "${text}"; use ${range.expected}.`);
  return fallback;
}

const LOG_LEVELS = [...Object.keys(pino.levels.values), 'silent'];

/** `HELIOS_LOG`: a pino level name; unset or empty means `info`. */
function readLogLevel(text: string | undefined, report: Report): string {
  if (text === undefined || text === '') return 'info';
  if (LOG_LEVELS.includes(text)) return text;

  report(`Invalid HELIOS_LOG "${text}"; use one of ${LOG_LEVELS.join(', ')}.`);
  return 'info';
}

// Clients send the admin key as a Bearer credential, so it must be one
// b64token (RFC 6750 §2.1):
//   b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const b64tokenRegExp = /^[A-Za-z0-9\-._~+/]+=*$/;

/** `HELIOS_ADMIN_KEY`; unset or empty means the server creates one. */
function readAdminKey(
  key: string | undefined,
  report: Report,
): string | undefined {
  if (key === undefined || key === '') return undefined;

  if (key.length < MIN_ADMIN_KEY_LENGTH) {
    report(
      `HELIOS_ADMIN_KEY is too short (${key.length} characters); ` +
        `use at least ${MIN_ADMIN_KEY_LENGTH}.`,
    );
  } else if (!b64tokenRegExp.test(key)) {
    report(
      'HELIOS_ADMIN_KEY has characters a Bearer credential cannot carry; ' +
        'use letters, digits and - . _ ~ + / (= only at the end).',
    );
  }
  return key;
}

/**
 * Creates the data dir when it does not exist. Returns a message when the
 * path exists but is not a directory, or cannot be created.
 */
export async function prepareDataDir(
  dataDir: string,
): Promise<string | undefined> {
  const problem = `HELIOS_DATA_DIR ${dataDir}`;
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      return `${problem} is not a directory; use a directory or a new path.`;
    }
    if (code === 'ENOTDIR') {
      return `${problem} is under a file; use a directory or a new path.`;
    }
    return `${problem} cannot be created: ${describe(error)}.`;
  }

  const stats = await stat(dataDir);
  if (!stats.isDirectory()) {
    return `${problem} is not a directory; use a directory or a new path.`;
  }
  return undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
