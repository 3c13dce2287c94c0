/**
 * Recording of HTTP exchanges, masking of secrets, and the text attached to
 * a failed scenario: every exchange it made and a curl command that
 * reproduces the last one with each secret read from an environment
 * variable.
 */

import { shellQuote } from './credentials';

/** Maximum excerpt of a body kept in a report, in characters. */
export const EXCERPT_CHARS = 2000;

/** Bodies longer than this are not inlined in the curl command. */
const CURL_BODY_MAX_CHARS = 64 * 1024;

/** Header value kept for reproduction, with a shell form if it is secret. */
export interface RecordedHeader {
  name: string;
  value: string;
  /** Shell expression that rebuilds a secret value from variables. */
  shell?: string;
  /** Description of the value for the report (never the value itself). */
  description?: string;
}

export interface Exchange {
  method: string;
  url: string;
  headers: RecordedHeader[];
  body: string;
  status?: number;
  responseBody?: string;
  durationMs?: number;
  /** Reason no status was received (timeout, connection error). */
  failure?: string;
  /** A search that only read back what earlier requests stored. */
  readBack?: boolean;
}

interface MaskedSecret {
  value: string;
  variable: string;
  description: string;
}

/** Header names whose values are always masked. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization']);

/**
 * Replaces every known secret in a text with `<$VARIABLE>` and Authorization
 * values with a description.
 */
export class Masker {
  private readonly secrets = new Map<string, MaskedSecret>();

  add(value: string, variable: string, description: string): void {
    if (value !== '') {
      this.secrets.set(value, { value, variable, description });
    }
  }

  variables(): MaskedSecret[] {
    return [...this.secrets.values()];
  }

  mask(text: string): string {
    const longestFirst = [...this.secrets.values()].sort(
      (a, b) => b.value.length - a.value.length,
    );
    let masked = text;
    for (const secret of longestFirst) {
      masked = masked.split(secret.value).join(`<$${secret.variable}>`);
    }
    return masked;
  }

  maskHeader(header: RecordedHeader): string {
    if (!SECRET_HEADERS.has(header.name.toLowerCase())) {
      return `${header.name}: ${this.mask(header.value)}`;
    }
    const what = header.description ?? 'a value set by the step';
    return `${header.name}: <masked: ${this.mask(what)}>`;
  }
}

function excerpt(text: string): string {
  if (text.length <= EXCERPT_CHARS) {
    return text;
  }
  const more = text.length - EXCERPT_CHARS;
  return `${text.slice(0, EXCERPT_CHARS)}… (${more} more characters)`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function describeExchange(
  exchange: Exchange,
  position: number,
  masker: Masker,
): string {
  const lines = [
    `#${position} ${exchange.method} ${masker.mask(exchange.url)}`,
  ];

  for (const header of exchange.headers) {
    lines.push(`  > ${masker.maskHeader(header)}`);
  }
  if (exchange.body !== '') {
    lines.push(
      '  > body:',
      indent(masker.mask(excerpt(exchange.body)), '  >   '),
    );
  }

  if (exchange.status === undefined) {
    lines.push(
      `  < no response: ${masker.mask(exchange.failure ?? 'unknown')}`,
    );
  } else {
    lines.push(`  < ${exchange.status} (${exchange.durationMs ?? '?'} ms)`);
  }
  if (exchange.responseBody) {
    const body = masker.mask(excerpt(exchange.responseBody));
    lines.push('  < body:', indent(body, '  <   '));
  }
  return lines.join('\n');
}

/**
 * Variables that hold raw Authorization values of the curl command, when
 * the value was not built from a known secret.
 */
interface CurlHeaders {
  flags: string[];
  rawVariables: string[];
}

function curlHeaderFlags(exchange: Exchange, masker: Masker): CurlHeaders {
  const flags: string[] = [];
  const rawVariables: string[] = [];

  for (const header of exchange.headers) {
    const secret = SECRET_HEADERS.has(header.name.toLowerCase());
    if (!secret) {
      flags.push(
        `-H ${shellQuote(`${header.name}: ${masker.mask(header.value)}`)}`,
      );
    } else if (header.shell !== undefined) {
      flags.push(`-H "${header.name}: ${header.shell}"`);
    } else {
      const variable = `HELIOS_AUTHORIZATION_${rawVariables.length + 1}`;
      rawVariables.push(
        `${variable}: the raw ${header.name} value (` +
          `${masker.mask(header.description ?? 'set by the step')})`,
      );
      flags.push(`-H "${header.name}: $${variable}"`);
    }
  }
  return { flags, rawVariables };
}

function curlBody(exchange: Exchange, masker: Masker): string[] {
  if (exchange.body === '') {
    return [];
  }
  if (exchange.body.length > CURL_BODY_MAX_CHARS) {
    return [
      `--data-binary @body.txt  # body of ${exchange.body.length} ` +
        'characters not shown: its start is in the exchange above',
    ];
  }
  // The here-document ends the body with a newline of its own.
  const body = masker.mask(exchange.body).replace(/\n$/, '');
  return ["--data-binary @- <<'HELIOS_BODY'", body, 'HELIOS_BODY'];
}

/** Builds a curl command reproducing `exchange`, secrets as variables. */
export function curlCommand(exchange: Exchange, masker: Masker): string {
  const { flags, rawVariables } = curlHeaderFlags(exchange, masker);
  const url = shellQuote(masker.mask(exchange.url));
  const body = curlBody(exchange, masker);

  const command = [`curl -sS -i -X ${exchange.method} ${url}`, ...flags];
  const joined = command.join(' \\\n  ');
  const withBody =
    body.length === 0 ? joined : `${joined} \\\n  ${body.join('\n')}`;

  const usedVariables = masker
    .variables()
    .filter((s) => withBody.includes(`$${s.variable}`))
    .map((s) => `${s.variable}: ${s.description}`);
  const legend = [...usedVariables, ...rawVariables];

  if (legend.length === 0) {
    return withBody;
  }
  const variableLines = legend.map((line) => `  ${line}`).join('\n');
  const heading = 'Environment variables it reads (values not shown):';
  return `${withBody}\n${heading}\n${variableLines}`;
}

/** Builds the text/plain attachment of a failed scenario. */
export function failureReport(exchanges: Exchange[], masker: Masker): string {
  if (exchanges.length === 0) {
    return 'The scenario made no HTTP request.';
  }

  const described = exchanges.map((exchange, i) =>
    describeExchange(exchange, i + 1, masker),
  );
  const subjects = exchanges.filter((exchange) => !exchange.readBack);
  const last = subjects[subjects.length - 1] ?? exchanges[exchanges.length - 1];

  return [
    `HTTP exchanges of this scenario (${exchanges.length}), secrets masked:`,
    '',
    described.join('\n\n'),
    '',
    'Reproduce the last request that was not a read-back search:',
    curlCommand(last, masker),
  ].join('\n');
}

/** Describes one exchange in one line for assertion messages. */
export function exchangeSummary(exchange: Exchange, masker: Masker): string {
  const status = exchange.status ?? `no response (${exchange.failure})`;
  const body = exchange.responseBody
    ? ` ${masker.mask(exchange.responseBody.slice(0, 300))}`
    : '';
  return `${exchange.method} ${masker.mask(exchange.url)} -> ${status}${body}`;
}
