import { randomInt } from 'node:crypto';

import { z } from 'zod';

/** Shim families that a target may declare missing. */
export const SHIM_FAMILIES = ['api', 'hec', 'bulk', 'otlp', 'loki'] as const;
export type ShimFamily = (typeof SHIM_FAMILIES)[number];

export interface SuiteParameters {
  targetUrl?: string;
  adminKey?: string;
  mode: 'normative' | 'reference';
  without: ShimFamily[];
  runPrefix: string;
  seed?: number;
  fuzzRuns?: number;
  /** `<property id>:<fast-check path>` of a fuzz counterexample to replay. */
  fuzzPath?: string;
}

const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

// Env names are `<prefix>-<scenario>-<label>` and must stay within 64
// characters, so the prefix is short and made of name-safe characters.
const runPrefixRegExp = /^[a-z0-9][a-z0-9]{1,15}$/;

const rawSchema = z.object({
  targetUrl: z.string().url().optional(),
  adminKey: z.string().min(1).optional(),
  mode: z.enum(['normative', 'reference']).optional(),
  without: z.union([z.array(z.string()), z.string()]).optional(),
  runPrefix: z.string().regex(runPrefixRegExp).optional(),
  seed: z.coerce.number().int().optional(),
  fuzzRuns: z.coerce.number().int().positive().optional(),
  fuzzPath: z.string().min(1).optional(),
});

let generatedPrefix: string | undefined;

/**
 * Generates the run prefix once per process, so every World of a run
 * without `HELIOS_RUN_PREFIX` uses the same one.
 */
function generatedRunPrefix(): string {
  if (generatedPrefix === undefined) {
    let suffix = '';
    for (let i = 0; i < 6; i++) {
      suffix += PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)];
    }
    generatedPrefix = `hc${suffix}`;
  }
  return generatedPrefix;
}

function fromEnvironment(): Record<string, string | undefined> {
  const env = process.env;
  return {
    targetUrl: env.HELIOS_TARGET_URL || undefined,
    adminKey: env.HELIOS_ADMIN_KEY || undefined,
    without: env.HELIOS_WITHOUT || undefined,
    runPrefix: env.HELIOS_RUN_PREFIX || undefined,
    seed: env.HELIOS_SEED || undefined,
    fuzzRuns: env.HELIOS_FUZZ_RUNS || undefined,
    fuzzPath: env.HELIOS_FUZZ_PATH || undefined,
  };
}

function parseWithout(value: string[] | string | undefined): ShimFamily[] {
  const names = typeof value === 'string' ? value.split(',') : (value ?? []);
  const families: ShimFamily[] = [];

  for (const name of names.map((n) => n.trim()).filter((n) => n !== '')) {
    if (!(SHIM_FAMILIES as readonly string[]).includes(name)) {
      const known = SHIM_FAMILIES.join(', ');
      throw new Error(
        `invalid shim family "${name}" in without: expected one of ${known}`,
      );
    }
    families.push(name as ShimFamily);
  }
  return families;
}

/**
 * Reads the suite parameters from cucumber's worldParameters, falling back
 * to the HELIOS_* environment variables for each absent key. Throws on an
 * invalid value, naming the key.
 */
export function readSuiteParameters(raw: unknown): SuiteParameters {
  const given = typeof raw === 'object' && raw !== null ? raw : {};
  const defined = Object.fromEntries(
    Object.entries(given).filter(([, value]) => value !== undefined),
  );
  const merged = { ...fromEnvironment(), ...defined };
  const parsed = rawSchema.safeParse(merged);

  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue.path.join('.');
    throw new Error(`invalid suite parameter ${key}: ${issue.message}`);
  }

  const value = parsed.data;
  if (value.targetUrl !== undefined && value.adminKey === undefined) {
    throw new Error(
      'missing admin key: a target URL needs adminKey or HELIOS_ADMIN_KEY',
    );
  }

  return {
    targetUrl: value.targetUrl,
    adminKey: value.adminKey,
    mode: value.mode ?? (value.targetUrl ? 'normative' : 'reference'),
    without: parseWithout(value.without),
    runPrefix: value.runPrefix ?? generatedRunPrefix(),
    seed: value.seed,
    fuzzRuns: value.fuzzRuns,
    fuzzPath: value.fuzzPath,
  };
}
