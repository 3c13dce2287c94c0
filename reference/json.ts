/** JSON helpers shared by the body parsers, for precise error messages. */

/** Names the JSON type of a parsed value: "null", "an array", "a string". */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return 'an object';
  }
}

export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type JsonObjectResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; problem: string };

/**
 * Parses `text` as one JSON object. On failure, `problem` ends a sentence
 * about the text: "is not valid JSON" or "must be a JSON object, got null".
 * Never throws.
 */
export function parseJsonObject(text: string): JsonObjectResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'is not valid JSON' };
  }

  if (isPlainObject(value)) return { ok: true, value };
  return { ok: false, problem: notAnObject(value) };
}

/** Describes the problem of a valid JSON value that is not an object. */
export function notAnObject(value: unknown): string {
  return `must be a JSON object, got ${jsonTypeName(value)}`;
}
