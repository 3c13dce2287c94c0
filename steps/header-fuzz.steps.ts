/**
 * Steps of the generated-header feature. Each Then step runs one
 * fast-check property against the target; the properties live in
 * steps/support/fuzz/properties.ts.
 */

import { Given, Then } from '@cucumber/cucumber';

import {
  basicHalfProperty,
  requireAuthProperty,
  robustHeaderProperty,
  schemeVariantProperty,
  strictUnknownProperty,
} from './support/fuzz/properties';
import { FUZZ_STEP_TIMEOUT_MS } from './support/fuzz/settings';
import { createFuzzTokens, runFuzzProperty } from './support/fuzz/world-fuzz';
import type { HeliosWorld } from './support/world';

const timeout = FUZZ_STEP_TIMEOUT_MS;

Given(
  'an enabled, a disabled and a deleted ingest token in one env',
  async function (this: HeliosWorld) {
    await createFuzzTokens(this);
  },
);

Then(
  'every generated Authorization value gets 2xx, 400, 401 or 403 within the request timeout',
  { timeout },
  async function (this: HeliosWorld) {
    await runFuzzProperty(this, robustHeaderProperty, '@ROBUST-HEADER');
  },
);

Then(
  'every generated Authorization value without a valid token gets 401 and stores nothing',
  { timeout },
  async function (this: HeliosWorld) {
    await runFuzzProperty(this, requireAuthProperty, '@REQ-401 and @policy');
  },
);

Then(
  'the valid token in every generated scheme case and spacing is accepted and stored in its env',
  { timeout },
  async function (this: HeliosWorld) {
    const tags = '@SCHEME-CASE and @SCHEME-SPACE';
    await runFuzzProperty(this, schemeVariantProperty, tags);
  },
);

Then(
  'the valid token as either Basic half with any generated other half is accepted and stored in its env',
  { timeout },
  async function (this: HeliosWorld) {
    const tags = '@BASIC-USER and @BASIC-PASS';
    await runFuzzProperty(this, basicHalfProperty, tags);
  },
);

Then(
  'every generated unknown Bearer or Splunk token gets 401 and stores nothing',
  { timeout },
  async function (this: HeliosWorld) {
    const tags = '@BEARER-STRICT and @SPLUNK-STRICT';
    await runFuzzProperty(this, strictUnknownProperty, tags);
  },
);
