/**
 * Splitting of concatenated JSON texts (`{...}{...}` or one per line), as
 * HEC clients send them. Never throws.
 */

import { jsonTypeName } from '../json';

export interface JsonSequence {
  values: unknown[];
  /** Reason the text after the last parsed value is invalid, if it is. */
  error?: string;
}

const whitespaceRegExp = /[ \t\r\n]/;

export function splitJsonValues(text: string): JsonSequence {
  const values: unknown[] = [];
  let position = skipWhitespace(text, 0);

  while (position < text.length) {
    if (text[position] !== '{') {
      return { values, error: describeNonObject(text.slice(position)) };
    }
    const end = findObjectEnd(text, position);
    if (end < 0) return { values, error: 'unterminated JSON object.' };

    try {
      values.push(JSON.parse(text.slice(position, end)));
    } catch {
      return { values, error: 'invalid JSON.' };
    }
    position = skipWhitespace(text, end);
  }
  return { values };
}

/** Names what the rest of the body is when it does not start an object. */
function describeNonObject(rest: string): string {
  try {
    return `expected a JSON object, got ${jsonTypeName(JSON.parse(rest))}.`;
  } catch {
    return 'expected a JSON object.';
  }
}

function skipWhitespace(text: string, position: number): number {
  let i = position;
  while (i < text.length && whitespaceRegExp.test(text[i])) i++;
  return i;
}

/**
 * Returns the index after the `}` closing the object that opens at `start`,
 * or -1. Only braces outside strings count; JSON.parse checks the rest.
 */
function findObjectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{') {
      depth++;
    } else if (char === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
