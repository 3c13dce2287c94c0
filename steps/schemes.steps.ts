/**
 * Steps of the schemes feature: the token presented in spellings, spacings
 * and malformed forms of the Authorization header.
 */

import { Then, When } from '@cucumber/cucumber';

import {
  basicCredential,
  challengesAcceptedScheme,
  changeLastCharacter,
  flipFirstLetterCase,
  paddingOtherHalf,
  presentBasicPair,
  presentSecret,
  type AuthorizationValue,
  type PresentationId,
} from './support/credentials';
import type { EndpointId } from './support/endpoints';
import type { CredentialSpec, HeliosWorld } from './support/world';

type BasicHalf = 'username' | 'password';

async function send(
  world: HeliosWorld,
  endpoint: EndpointId,
  count: number,
  credential: CredentialSpec,
  envLabel?: string,
): Promise<'skipped' | undefined> {
  const skip = world.skipUnlessAvailable(endpoint);
  if (skip) return skip;

  const env =
    envLabel === undefined
      ? undefined
      : { label: envLabel, via: 'query' as const };
  await world.sendEvents({ endpoint, count, credential, env });
  return undefined;
}

function basicWithHalf(
  world: HeliosWorld,
  half: BasicHalf,
  otherHalf: string,
): AuthorizationValue {
  const presentation =
    half === 'username' ? 'basic-username' : 'basic-password';
  return presentSecret(presentation, world.tokenSecret(), { otherHalf });
}

for (const half of ['username', 'password'] as const) {
  const other = half === 'username' ? 'password' : 'username';

  When(
    `a shipper sends {int} event(s) to {endpoint} with the token as the Basic ${half} and the ${other} {string}`,
    async function (
      this: HeliosWorld,
      count: number,
      endpoint: EndpointId,
      value: string,
    ) {
      const header = basicWithHalf(this, half, value);
      return send(this, endpoint, count, { header });
    },
  );

  When(
    `a shipper sends {int} event(s) to {endpoint} with the token changed in one character as the Basic ${half}`,
    async function (this: HeliosWorld, count: number, endpoint: EndpointId) {
      const changed = this.deriveSecret(
        changeLastCharacter(this.token().secret),
        'the token with its last character replaced',
      );
      const presentation =
        half === 'username' ? 'basic-username' : 'basic-password';
      const header = presentSecret(presentation, changed);
      return send(this, endpoint, count, { header });
    },
  );
}

When(
  'a shipper sends {int} event(s) to {endpoint} with an unrecognized Basic credential, naming env {string} in the query',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    envLabel: string,
  ) {
    const header = presentBasicPair('shipper', `not-a-token-${this.marker}`);
    return send(this, endpoint, count, { header }, envLabel);
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with the Basic credential {string}, naming env {string} in the query',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    credential: string,
    envLabel: string,
  ) {
    const spec = {
      authorization: `Basic ${credential}`,
      description: 'Basic with the literal credential written in the scenario',
    };
    return send(this, endpoint, count, spec, envLabel);
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with the token {string} as the Basic username and the token {string} as the password',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    userLabel: string,
    passwordLabel: string,
  ) {
    const header = presentBasicPair(
      this.tokenSecret(userLabel),
      this.tokenSecret(passwordLabel),
    );
    return send(this, endpoint, count, { header });
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with the token as {presentation} under the scheme name {string}',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    presentation: PresentationId,
    scheme: string,
  ) {
    const credential = { token: 'default', presentation, options: { scheme } };
    return send(this, endpoint, count, credential);
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with the token under the scheme name {string}',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    scheme: string,
  ) {
    const credential = {
      token: 'default',
      presentation: 'bearer' as const,
      options: { scheme },
    };
    return send(this, endpoint, count, credential);
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with the token as {presentation} after {int} space(s)',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    presentation: PresentationId,
    spaces: number,
  ) {
    const options = { separator: ' '.repeat(spaces) };
    return send(this, endpoint, count, {
      token: 'default',
      presentation,
      options,
    });
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with the token sent without a scheme',
  async function (this: HeliosWorld, count: number, endpoint: EndpointId) {
    const secret = this.tokenSecret();
    const header = {
      header: secret.value,
      shell: `$${secret.variable}`,
      description: `$${secret.variable} without a scheme`,
    };
    return send(this, endpoint, count, { header });
  },
);

for (const scheme of ['Bearer', 'Splunk'] as const) {
  When(
    `a shipper sends {int} event(s) to {endpoint} with the token sent with a tab after ${scheme}`,
    async function (this: HeliosWorld, count: number, endpoint: EndpointId) {
      const presentation = scheme === 'Bearer' ? 'bearer' : 'splunk';
      const options = { separator: '\t' };
      return send(this, endpoint, count, {
        token: 'default',
        presentation,
        options,
      });
    },
  );
}

When(
  'a shipper sends {int} event(s) to {endpoint} with the token in the wrong case as {presentation}',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    presentation: PresentationId,
  ) {
    const flipped = flipFirstLetterCase(this.token().secret);
    if (flipped === undefined) {
      throw new Error('the token has no letter whose case could change');
    }
    const secret = this.deriveSecret(
      flipped,
      'the token with the case of its first letter changed',
    );
    const header = presentSecret(presentation, secret);
    return send(this, endpoint, count, { header });
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with the token as {presentation} without base64 padding',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    presentation: PresentationId,
  ) {
    const otherHalf = paddingOtherHalf(this.token().secret);
    const options = { otherHalf, unpadded: true };
    return send(this, endpoint, count, {
      token: 'default',
      presentation,
      options,
    });
  },
);

/** Builds a padded Basic credential of the token and damages it. */
function damagedBasic(
  world: HeliosWorld,
  presentation: PresentationId,
  damage: {
    description: string;
    text: (encoded: string) => string;
    shell?: (expression: string) => string;
  },
): AuthorizationValue {
  const secret = world.tokenSecret();
  const other = paddingOtherHalf(secret.value);
  const [username, password] =
    presentation === 'basic-username' ? [secret, other] : [other, secret];
  const basic = basicCredential(username, password);

  return {
    header: `Basic ${damage.text(basic.text)}`,
    shell:
      damage.shell === undefined
        ? undefined
        : `Basic ${damage.shell(basic.shell)}`,
    description: `Basic, $${secret.variable} as ${presentation}, ${damage.description}`,
  };
}

function insertSpaceInMiddle(encoded: string): string {
  const middle = Math.floor(encoded.length / 2);
  return `${encoded.slice(0, middle)} ${encoded.slice(middle)}`;
}

When(
  'a shipper sends {int} event(s) to {endpoint} with the token as {presentation} in base64 with a space inside',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    presentation: PresentationId,
  ) {
    const header = damagedBasic(this, presentation, {
      description: 'a space inserted in the middle of the base64',
      text: insertSpaceInMiddle,
    });
    return send(this, endpoint, count, { header });
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with the token as {presentation} in base64 with data after the padding',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    presentation: PresentationId,
  ) {
    const header = damagedBasic(this, presentation, {
      description: '"QQ" appended after the padding',
      text: (encoded) => `${encoded}QQ`,
      shell: (expression) => `${expression}QQ`,
    });
    return send(this, endpoint, count, { header });
  },
);

// Duplicate Authorization headers.

When(
  'a shipper sends {int} event(s) to {endpoint} with two Authorization headers carrying the token {string} twice',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    label: string,
  ) {
    const value = presentSecret('bearer', this.tokenSecret(label));
    return send(this, endpoint, count, { header: [value, value] });
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with two Authorization headers carrying the tokens {string} and {string}',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    first: string,
    second: string,
  ) {
    const values = [
      presentSecret('bearer', this.tokenSecret(first)),
      presentSecret('bearer', this.tokenSecret(second)),
    ];
    return send(this, endpoint, count, { header: values });
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with two Authorization headers carrying the token {string} and an unknown one',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    label: string,
  ) {
    const values = [
      presentSecret('bearer', this.tokenSecret(label)),
      this.unknownTokenAs('bearer'),
    ];
    return send(this, endpoint, count, { header: values });
  },
);

// Challenges.

Then(
  'the response challenges the client with an accepted scheme',
  function (this: HeliosWorld) {
    const header = this.lastResponse?.headers['www-authenticate'];
    const value = Array.isArray(header) ? header.join(', ') : header;

    if (!challengesAcceptedScheme(value)) {
      const got =
        value === undefined ? 'no WWW-Authenticate header' : `"${value}"`;
      throw this.failure(
        `expected WWW-Authenticate naming Bearer, Splunk or Basic, got ${got}`,
      );
    }
  },
);
