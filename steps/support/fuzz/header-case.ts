// A generated Authorization value as a template. Real secrets are never part
// of a generated value: a slot names the secret, and the value is rendered
// only when the request is sent. So fast-check's counterexamples, failure
// messages and curl commands never contain a secret.

/** Name of the set-up secret that fills a slot. */
export type SecretSlot = 'valid' | 'disabled' | 'deleted';

/** Piece of the decoded Basic credential (RFC 7617 `user-pass`). */
export type BytePiece =
  | { kind: 'utf8'; text: string }
  | { kind: 'bytes'; bytes: readonly number[] }
  | { kind: 'secret'; slot: SecretSlot };

/**
 * Piece of the header value as it goes on the wire (latin1). `base64` and
 * `percent` encode the concatenated bytes of their content.
 */
export type Piece =
  | { kind: 'text'; text: string }
  | { kind: 'secret'; slot: SecretSlot }
  | { kind: 'base64'; content: readonly BytePiece[]; padded: boolean }
  | { kind: 'percent'; content: readonly BytePiece[] };

/** One generated Authorization value with the shipper mistake it models. */
export interface HeaderCase {
  shape: string;
  pieces: readonly Piece[];
}

export type SecretValues = Readonly<Record<SecretSlot, string>>;
export type SecretVariables = Readonly<Record<SecretSlot, string>>;

/** Shell variable that contains each slot's secret in a reproducing command. */
export const SECRET_ENV_NAMES: SecretVariables = {
  valid: 'HELIOS_FUZZ_TOKEN',
  disabled: 'HELIOS_FUZZ_DISABLED_TOKEN',
  deleted: 'HELIOS_FUZZ_DELETED_TOKEN',
};

export function text(value: string): Piece {
  return { kind: 'text', text: value };
}

export function secret(slot: SecretSlot): Piece & BytePiece {
  return { kind: 'secret', slot };
}

export function utf8(value: string): BytePiece {
  return { kind: 'utf8', text: value };
}

export function bytes(values: readonly number[]): BytePiece {
  return { kind: 'bytes', bytes: values };
}

export function base64(content: readonly BytePiece[], padded = true): Piece {
  return { kind: 'base64', content, padded };
}

/** Percent-encodes every byte of `content` as `%XX` (RFC 3986 §2.1). */
export function percentEncoded(content: readonly BytePiece[]): Piece {
  return { kind: 'percent', content };
}

/** Renders the header value that goes on the wire, with secrets filled in. */
export function renderHeaderValue(
  headerCase: HeaderCase,
  secrets: SecretValues,
): string {
  return headerCase.pieces.map((piece) => renderPiece(piece, secrets)).join('');
}

/** Concatenates the decoded bytes of a Basic credential. */
function renderCredentialBytes(
  content: readonly BytePiece[],
  secrets: SecretValues,
): Buffer {
  const chunks = content.map((piece) => {
    if (piece.kind === 'utf8') return Buffer.from(piece.text, 'utf8');
    if (piece.kind === 'bytes') return Buffer.from(piece.bytes);
    return Buffer.from(secrets[piece.slot], 'utf8');
  });
  return Buffer.concat(chunks);
}

/** Describes a case for a report, with slots shown by name. */
export function describeHeaderCase(headerCase: HeaderCase): string {
  const pieces = headerCase.pieces.map(describePiece).join(' + ');
  return `${headerCase.shape}: ${pieces || '(empty)'}`;
}

/**
 * Renders the header value as one POSIX shell word. Secrets become variable
 * references. A base64 or percent-encoded piece is computed with printf and
 * base64 or od, so a secret inside it never appears in the command itself.
 */
export function renderShellWord(
  headerCase: HeaderCase,
  variables: SecretVariables = SECRET_ENV_NAMES,
): string {
  const parts = headerCase.pieces.map((piece) => shellPiece(piece, variables));
  return `"${parts.join('')}"`;
}

/** Lists the slots whose secrets a case uses, in order of first use. */
export function slotsOf(headerCase: HeaderCase): SecretSlot[] {
  const slots = headerCase.pieces.flatMap((piece) => {
    if (piece.kind === 'secret') return [piece.slot];
    if (piece.kind === 'text') return [];
    return piece.content.flatMap((inner) =>
      inner.kind === 'secret' ? [inner.slot] : [],
    );
  });
  return [...new Set(slots)];
}

function renderPiece(piece: Piece, secrets: SecretValues): string {
  if (piece.kind === 'text') return piece.text;
  if (piece.kind === 'secret') return secrets[piece.slot];
  if (piece.kind === 'percent') {
    const raw = renderCredentialBytes(piece.content, secrets);
    return Array.from(raw, (value) => `%${formatByte(value)}`)
      .join('')
      .toUpperCase();
  }

  const encoded = renderCredentialBytes(piece.content, secrets).toString(
    'base64',
  );
  return piece.padded ? encoded : encoded.replace(/=+$/, '');
}

/** Maximum text length shown whole in a description (curl gets all of it). */
const MAX_DESCRIBED_TEXT = 120;

function describeText(value: string): string {
  if (value.length <= MAX_DESCRIBED_TEXT) return JSON.stringify(value);
  const start = JSON.stringify(value.slice(0, MAX_DESCRIBED_TEXT / 2));
  return `${start}… (${value.length} characters)`;
}

function describePiece(piece: Piece): string {
  if (piece.kind === 'text') return describeText(piece.text);
  if (piece.kind === 'secret') return `<${piece.slot} token>`;

  const inner = piece.content.map(describeBytePiece).join(' + ');
  if (piece.kind === 'percent') return `percent(${inner || '(empty)'})`;
  const padding = piece.padded ? '' : ', unpadded';
  return `base64(${inner || '(empty)'}${padding})`;
}

function describeBytePiece(piece: BytePiece): string {
  if (piece.kind === 'utf8') return `utf8 ${describeText(piece.text)}`;
  if (piece.kind === 'secret') return `<${piece.slot} token>`;
  return `bytes [${piece.bytes.map(formatByte).join(' ')}]`;
}

function formatByte(value: number): string {
  return value.toString(16).padStart(2, '0');
}

// Inside double quotes, the shell still expands $, ` and \ and ends at ".
const DOUBLE_QUOTE_SPECIAL_RegExp = /[$`"\\]/g;

// Runs of printable ASCII, and runs of anything else.
const PRINTABLE_OR_NOT_RegExp = /[\x20-\x7e]+|[^\x20-\x7e]+/g;
const PRINTABLE_RegExp = /^[\x20-\x7e]/;

function shellPiece(piece: Piece, variables: SecretVariables): string {
  if (piece.kind === 'text') return quoteLatin1(piece.text);
  if (piece.kind === 'secret') return `\${${variables[piece.slot]}}`;

  const printfArguments = piece.content.map((inner) =>
    printfFormatOf(inner, variables),
  );
  const formats = printfArguments.map((entry) => entry.format).join('');
  const values = printfArguments.flatMap((entry) => entry.values);
  const valueWords = values.map((value) => ` ${value}`).join('');
  const printf = `printf '${formats}'${valueWords}`;

  if (piece.kind === 'percent') {
    // od prints each byte as two hex digits, and sed puts % before each pair.
    const hex = "od -An -v -tx1 | tr -d ' \\n' | tr a-f A-F";
    return `$(${printf} | ${hex} | sed 's/../%&/g')`;
  }
  const strip = piece.padded ? '' : " | tr -d '='";
  return `$(${printf} | base64 | tr -d '\\n'${strip})`;
}

function printfFormatOf(
  piece: BytePiece,
  variables: SecretVariables,
): { format: string; values: string[] } {
  if (piece.kind === 'secret') {
    return { format: '%s', values: [`"\${${variables[piece.slot]}}"`] };
  }

  const raw =
    piece.kind === 'utf8' ? Buffer.from(piece.text, 'utf8') : piece.bytes;
  const escaped = Array.from(
    raw,
    (value) => `\\${value.toString(8).padStart(3, '0')}`,
  );
  return { format: escaped.join(''), values: [] };
}

/**
 * Quotes latin1 text for a double-quoted shell word. Runs of bytes outside
 * 0x20-0x7e are written as one $'\xNN…' segment, so the command survives a
 * UTF-8 terminal and sends the same bytes.
 */
function quoteLatin1(value: string): string {
  return value.replace(PRINTABLE_OR_NOT_RegExp, (run) => {
    if (PRINTABLE_RegExp.test(run)) {
      return run.replace(DOUBLE_QUOTE_SPECIAL_RegExp, '\\$&');
    }
    const escaped = Array.from(run, (c) => `\\x${formatByte(c.charCodeAt(0))}`);
    return `"$'${escaped.join('')}'"`;
  });
}
