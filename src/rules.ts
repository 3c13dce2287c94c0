/**
 * Catalogue of the rules the suite checks. Every scenario names its rules
 * with `@<ID>` tags, and the run turns the scenario results into one verdict
 * per rule of this list.
 */

/**
 * Origin of a rule: `doc` follows from the product documentation, `http`
 * from the HTTP standards, `profile` is a choice of the reference server
 * where the documentation is silent.
 */
export type RuleLevel = 'doc' | 'http' | 'profile';

/** One rule: its tag id, its level and a one-line summary. */
export interface RuleDefinition {
  id: string;
  level: RuleLevel;
  summary: string;
}

export const RULE_LEVELS: readonly RuleLevel[] = ['doc', 'http', 'profile'];

export const RULES: readonly RuleDefinition[] = [
  {
    id: 'OPEN-DEFAULT',
    level: 'doc',
    summary:
      'Without changes, every endpoint class ingests requests that carry no credential.',
  },
  {
    id: 'OPEN-ENV',
    level: 'profile',
    summary:
      'Anonymous writes pick the env from the query, then the env header, then "default".',
  },
  {
    id: 'REQ-401',
    level: 'doc',
    summary:
      'Once authentication is required, requests with no valid token get 401 and store nothing.',
  },
  {
    id: 'REQ-VALID',
    level: 'doc',
    summary:
      'Once authentication is required, an enabled token still gets its events stored.',
  },
  {
    id: 'BEARER-STRICT',
    level: 'doc',
    summary:
      'An unknown Bearer token is answered with 401 under either policy and stores nothing.',
  },
  {
    id: 'SPLUNK-STRICT',
    level: 'doc',
    summary:
      'An unknown Splunk token is answered with 401 under either policy and stores nothing.',
  },
  {
    id: 'BEARER-VALID',
    level: 'doc',
    summary:
      'A known token sent with the Bearer scheme is accepted by every endpoint class.',
  },
  {
    id: 'SPLUNK-VALID',
    level: 'doc',
    summary:
      'A known token sent with the Splunk scheme is accepted by every endpoint class.',
  },
  {
    id: 'BASIC-USER',
    level: 'doc',
    summary:
      'Basic credentials carrying the token as username work with any password.',
  },
  {
    id: 'BASIC-PASS',
    level: 'doc',
    summary:
      'Basic credentials carrying the token as password work with any username.',
  },
  {
    id: 'BASIC-LENIENT',
    level: 'doc',
    summary:
      'Basic credentials that match no token are handled like a request without credentials.',
  },
  {
    id: 'BASIC-MALFORMED',
    level: 'profile',
    summary:
      'Undecodable Basic values, or values without a colon, count as matching no token.',
  },
  {
    id: 'BASIC-DISABLED',
    level: 'profile',
    summary:
      'Basic credentials naming a disabled token get 401 even while anonymous writes are allowed.',
  },
  {
    id: 'BASIC-AMBIGUOUS',
    level: 'profile',
    summary:
      'Basic user name and password naming two different tokens get 401.',
  },
  {
    id: 'SCHEME-CASE',
    level: 'http',
    summary: 'Authentication scheme names match regardless of letter case.',
  },
  {
    id: 'SCHEME-SPACE',
    level: 'http',
    summary:
      'Several spaces between the scheme name and the credential are tolerated.',
  },
  {
    id: 'SCHEME-UNKNOWN',
    level: 'profile',
    summary:
      'Unsupported schemes and empty Bearer or Splunk credentials get 401 under either policy.',
  },
  {
    id: 'SCHEME-BARE',
    level: 'profile',
    summary:
      'A credential without a scheme name, or separated by a tab, gets 401 under either policy.',
  },
  {
    id: 'AUTH-DUPLICATE',
    level: 'profile',
    summary:
      'Requests with two or more Authorization headers get 400 and store nothing.',
  },
  {
    id: 'TOKEN-CASE',
    level: 'profile',
    summary:
      'Token comparison is case-sensitive, so a token with changed letter case is unknown.',
  },
  {
    id: 'BASIC-UNPADDED',
    level: 'profile',
    summary:
      'Basic base64 may omit its padding, but whitespace or trailing data make it undecodable.',
  },
  {
    id: 'CONN-INDEPENDENT',
    level: 'http',
    summary:
      'Requests sharing one keep-alive connection are each authenticated separately.',
  },
  {
    id: 'AUTH-CHALLENGE',
    level: 'http',
    summary:
      'Each 401 response has a WWW-Authenticate header with an accepted scheme.',
  },
  {
    id: 'ENV-PIN',
    level: 'doc',
    summary:
      'Events written with a token go to the env of that token, whatever env the request names.',
  },
  {
    id: 'ENV-MULTI',
    level: 'profile',
    summary:
      'Repeated or comma-joined env selectors never write to more than one env.',
  },
  {
    id: 'ENV-PIN-RESPONSE',
    level: 'profile',
    summary:
      'The reference stores a write that names a foreign env in the token env and echoes that env.',
  },
  {
    id: 'IDX-ANY',
    level: 'doc',
    summary:
      'A token without an index allowlist writes to every index of its env.',
  },
  {
    id: 'IDX-ALLOWED',
    level: 'doc',
    summary: 'A token with an index allowlist writes to the indexes it lists.',
  },
  {
    id: 'IDX-REJECT',
    level: 'doc',
    summary:
      'Writes outside the allowlist get a 4xx, store nothing and raise the token error count, on every endpoint.',
  },
  {
    id: 'IDX-REJECT-CODE',
    level: 'profile',
    summary:
      'The reference rejects such writes whole with 403 index_not_allowed, naming the index.',
  },
  {
    id: 'SECRET-ONCE',
    level: 'doc',
    summary: 'Only the response that creates a token contains its full secret.',
  },
  {
    id: 'SECRET-LAST4',
    level: 'doc',
    summary:
      'Token listings show the final four characters of the secret issued at creation.',
  },
  {
    id: 'SECRET-NO-REVEAL',
    level: 'doc',
    summary: 'No endpoint returns a secret once the token exists.',
  },
  {
    id: 'SECRET-AT-REST',
    level: 'profile',
    summary: 'The reference keeps only hashes of secrets in its data files.',
  },
  {
    id: 'SECRET-LOGS',
    level: 'profile',
    summary:
      'The reference logs neither presented credentials nor query strings that carry them.',
  },
  {
    id: 'TOKEN-DISABLE',
    level: 'doc',
    summary:
      'A disabled token gets 401 and stays listed with enabled set to false.',
  },
  {
    id: 'TOKEN-ENABLE',
    level: 'doc',
    summary: 'A token enabled again is accepted with its original secret.',
  },
  {
    id: 'TOKEN-DELETE',
    level: 'doc',
    summary:
      'A deleted token gets 401 from the next request on and is no longer listed.',
  },
  {
    id: 'TOKEN-ROTATE',
    level: 'doc',
    summary:
      'Replacing a token issues a new secret, and only the new secret is accepted.',
  },
  {
    id: 'ADMIN-LIST',
    level: 'doc',
    summary:
      'The token listing returns masked tokens together with the authentication policy.',
  },
  {
    id: 'ADMIN-CREATE',
    level: 'doc',
    summary: 'Creating a token returns its full secret a single time.',
  },
  {
    id: 'ADMIN-PATCH',
    level: 'doc',
    summary: 'Patching a token switches it between enabled and disabled.',
  },
  {
    id: 'ADMIN-DELETE',
    level: 'doc',
    summary: 'Deleting a token revokes it.',
  },
  {
    id: 'ADMIN-POLICY',
    level: 'doc',
    summary:
      'The policy endpoint sets require, apiEnabled and shimsEnabled, and the listing shows them.',
  },
  {
    id: 'ADMIN-AUTHZ',
    level: 'doc',
    summary:
      'Only admin API keys may call the admin API, and rejected calls change nothing.',
  },
  {
    id: 'ADMIN-AUTHZ-CODE',
    level: 'profile',
    summary:
      'Admin calls get 401 without a valid API key and 403 with a reader key.',
  },
  {
    id: 'ADMIN-VALIDATION',
    level: 'profile',
    summary:
      'Invalid admin requests get 400 naming the field, and unknown ids get 404.',
  },
  {
    id: 'KEYS-NOT-INGEST',
    level: 'doc',
    summary:
      'API keys sent to ingest endpoints as Bearer or Splunk credentials get 401.',
  },
  {
    id: 'TOKENS-NOT-READ',
    level: 'doc',
    summary: 'Ingest tokens are rejected by the search and admin APIs.',
  },
  {
    id: 'SWITCH-API',
    level: 'doc',
    summary:
      'With the ingest API switched off it rejects every write while the shims still accept.',
  },
  {
    id: 'SWITCH-SHIMS',
    level: 'doc',
    summary:
      'With the shims switched off they reject every write while the ingest API still accepts.',
  },
  {
    id: 'SWITCH-SEPARATE',
    level: 'doc',
    summary:
      'The two endpoint switches and the authentication requirement change independently.',
  },
  {
    id: 'SWITCH-CODE',
    level: 'profile',
    summary:
      'A switched-off endpoint class gets 403 endpoint_disabled before credentials are read.',
  },
  {
    id: 'ROBUST-HEADER',
    level: 'http',
    summary:
      'No Authorization value leads to a 5xx or a hang, only to 2xx, 400, 401 or 403.',
  },
  {
    id: 'ROBUST-BODY',
    level: 'profile',
    summary:
      'Malformed bodies get 400 naming the bad line or item, oversized ones 413, and store nothing.',
  },
];

const RULES_BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

/** Looks up a rule by its id, without the leading `@`. */
export function findRule(id: string): RuleDefinition | undefined {
  return RULES_BY_ID.get(id);
}
