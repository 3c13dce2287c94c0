/**
 * The credential catalogue: how a shipper presents an ingest token in the
 * Authorization header, and variants of those values for the scheme rules.
 *
 * Every value comes with a shell expression that rebuilds it from
 * environment variables, so a failure report can print a curl command
 * without the secret.
 */

export const PRESENTATIONS = [
  'bearer',
  'splunk',
  'basic-username',
  'basic-password',
] as const;
export type PresentationId = (typeof PRESENTATIONS)[number];

/** A secret and the environment variable a reproduction reads it from. */
export interface SecretRef {
  value: string;
  variable: string;
}

/** An Authorization value, its shell form and a description for reports. */
export interface AuthorizationValue {
  header: string;
  /** Absent when the value cannot be rebuilt in a shell. */
  shell?: string;
  description: string;
}

export interface PresentationOptions {
  /** Scheme word exactly as sent, e.g. `bEaReR`; default: canonical. */
  scheme?: string;
  /** Characters between scheme and credential; default one space. */
  separator?: string;
  /** The other half of a Basic credential; default `x`. */
  otherHalf?: string;
  /** Drop the trailing `=` padding of the Basic base64 value. */
  unpadded?: boolean;
}

const CANONICAL_SCHEMES: Record<PresentationId, string> = {
  bearer: 'Bearer',
  splunk: 'Splunk',
  'basic-username': 'Basic',
  'basic-password': 'Basic',
};

/** A piece of a Basic credential: a secret or a literal string. */
export type BasicPart = SecretRef | string;

export function isPresentationId(value: string): value is PresentationId {
  return (PRESENTATIONS as readonly string[]).includes(value);
}

export function canonicalScheme(presentation: PresentationId): string {
  return CANONICAL_SCHEMES[presentation];
}

/** Quotes a literal for a POSIX shell (single quotes, `'` escaped). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function partValue(part: BasicPart): string {
  return typeof part === 'string' ? part : part.value;
}

function partShell(part: BasicPart): string {
  return typeof part === 'string' ? shellQuote(part) : `"$${part.variable}"`;
}

function partLabel(part: BasicPart): string {
  return typeof part === 'string' ? `"${part}"` : `$${part.variable}`;
}

/**
 * Encodes `username:password` as the Basic credential of RFC 7617 §2
 * (base64 of the user-pass, UTF-8), optionally without `=` padding.
 */
export function basicCredential(
  username: BasicPart,
  password: BasicPart,
  unpadded = false,
): { text: string; shell: string } {
  const userPass = `${partValue(username)}:${partValue(password)}`;
  const encoded = Buffer.from(userPass, 'utf8').toString('base64');
  const text = unpadded ? encoded.replace(/=+$/, '') : encoded;

  const printf = `printf '%s:%s' ${partShell(username)} ${partShell(password)}`;
  const strip = unpadded ? "tr -d '\\n='" : "tr -d '\\n'";
  const shell = `$(${printf} | base64 | ${strip})`;

  return { text, shell };
}

/** Builds the Authorization value presenting `secret` as `presentation`. */
export function presentSecret(
  presentation: PresentationId,
  secret: SecretRef,
  options: PresentationOptions = {},
): AuthorizationValue {
  const scheme = options.scheme ?? canonicalScheme(presentation);
  const separator = options.separator ?? ' ';
  const shellSeparator = separator.replace(/\t/g, "'$'\\t''");

  if (presentation === 'bearer' || presentation === 'splunk') {
    return {
      header: `${scheme}${separator}${secret.value}`,
      shell: `${scheme}${shellSeparator}$${secret.variable}`,
      description: `${scheme} with $${secret.variable}`,
    };
  }

  const other = options.otherHalf ?? 'x';
  const [username, password]: [BasicPart, BasicPart] =
    presentation === 'basic-username' ? [secret, other] : [other, secret];
  const basic = basicCredential(username, password, options.unpadded);

  return {
    header: `${scheme}${separator}${basic.text}`,
    shell: `${scheme}${shellSeparator}${basic.shell}`,
    description:
      `${scheme} with username ${partLabel(username)} and password ` +
      `${partLabel(password)}${options.unpadded ? ', unpadded' : ''}`,
  };
}

/** Builds a Basic value from two parts, e.g. two different tokens. */
export function presentBasicPair(
  username: BasicPart,
  password: BasicPart,
): AuthorizationValue {
  const basic = basicCredential(username, password);
  return {
    header: `Basic ${basic.text}`,
    shell: `Basic ${basic.shell}`,
    description:
      `Basic with username ${partLabel(username)} and password ` +
      partLabel(password),
  };
}

/**
 * Returns `scheme` with its letter case mixed (`bEaReR`), so that no
 * character keeps the case of the canonical or the lower-case spelling
 * everywhere.
 */
export function mixedCase(scheme: string): string {
  return [...scheme.toLowerCase()]
    .map((c, i) => (i % 2 === 1 ? c.toUpperCase() : c))
    .join('');
}

/**
 * Returns `secret` with the case of its first letter flipped, or undefined
 * when it has no letter. A secret compared exactly must then be unknown.
 */
export function flipFirstLetterCase(secret: string): string | undefined {
  const index = secret.search(/[a-zA-Z]/);
  if (index < 0) {
    return undefined;
  }
  const c = secret[index];
  const flipped = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
  return secret.slice(0, index) + flipped + secret.slice(index + 1);
}

/**
 * Returns `secret` with its last character replaced by another character of
 * the RFC 6750 b64token alphabet, so it stays well-formed but unknown.
 */
export function changeLastCharacter(secret: string): string {
  const last = secret.slice(-1);
  const replacement = last === 'A' ? 'B' : 'A';
  return secret.slice(0, -1) + replacement;
}

/**
 * Returns a Basic other half whose length makes the base64 of
 * `secret:half` (or `half:secret`) end in `=` padding, so that dropping or
 * following the padding is a real change.
 */
export function paddingOtherHalf(secret: string): string {
  const half = ['x', 'xy', 'xyz'].find(
    (candidate) => (secret.length + 1 + candidate.length) % 3 !== 0,
  );
  return half ?? 'x';
}

/** Matches a challenge naming Bearer, Splunk or Basic (RFC 9110 §11.6.1). */
const acceptedChallengeRegExp =
  /(?:^|,)[ \t]*(bearer|splunk|basic)(?:[ \t,]|$)/i;

/**
 * Tells whether a WWW-Authenticate value names at least one accepted
 * scheme. Per RFC 9110 §11.6.1 the value is a comma-separated list of
 * challenges, each starting with an auth-scheme token.
 */
export function challengesAcceptedScheme(value: string | undefined): boolean {
  return value !== undefined && acceptedChallengeRegExp.test(value);
}
