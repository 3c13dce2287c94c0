import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  canAssignPickle,
  type TaggedPickle,
} from '../../steps/support/scheduling';

function pickle(...tags: string[]): TaggedPickle {
  return { tags: tags.map((name) => ({ name })) };
}

const plain = pickle('@BEARER-VALID', '@doc');
const policy = pickle('@REQ-401', '@doc', '@policy');

test('policy pickle starts when nothing runs', () => {
  assert.equal(canAssignPickle(policy, []), true);
});

test('policy pickle waits for a plain pickle', () => {
  assert.equal(canAssignPickle(policy, [plain]), false);
});

test('policy pickle waits for another policy pickle', () => {
  assert.equal(canAssignPickle(policy, [policy]), false);
});

test('plain pickle starts when nothing runs', () => {
  assert.equal(canAssignPickle(plain, []), true);
});

test('plain pickle runs beside plain pickles', () => {
  assert.equal(canAssignPickle(plain, [plain, plain]), true);
});

test('plain pickle waits while a policy pickle runs', () => {
  assert.equal(canAssignPickle(plain, [plain, policy]), false);
});

test('tag match is exact', () => {
  const lookalike = pickle('@policy-free', '@Policy');
  assert.equal(canAssignPickle(lookalike, [plain]), true);
  assert.equal(canAssignPickle(plain, [lookalike]), true);
});
