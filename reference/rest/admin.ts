/** The admin API: ingest tokens, the ingest policy and API keys. */

import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';

import { heliosError } from '../errors';
import { isPlainObject, jsonTypeName } from '../json';
import { NAME_REGEXP } from '../names';
import type { ReferenceParts } from '../parts';
import type { ApiKeyStore, PolicyStore, TokenStore } from '../store/types';
import { requireRole, sendError } from './auth';

/** Upper bound on token and key names, which are labels for people. */
const MAX_LABEL_LENGTH = 128;

const nameField = z.string().min(1).max(MAX_LABEL_LENGTH);
const envOrIndexField = z
  .string()
  .regex(NAME_REGEXP, 'must match ^[a-z0-9][a-z0-9._-]{0,63}$');

const createTokenSchema = z.strictObject({
  name: nameField,
  env: envOrIndexField,
  indexes: z.array(envOrIndexField).optional(),
});

const patchTokenSchema = z.strictObject({ enabled: z.boolean() });

const policySchema = z
  .strictObject({
    require: z.boolean().optional(),
    apiEnabled: z.boolean().optional(),
    shimsEnabled: z.boolean().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, {
    message: 'send at least one of require, apiEnabled, shimsEnabled',
  });

const createApiKeySchema = z.strictObject({
  name: nameField,
  role: z.enum(['admin', 'reader']),
});

export interface AdminStores {
  tokens: TokenStore;
  keys: ApiKeyStore;
  policy: PolicyStore;
}

export function adminRouter(
  stores: AdminStores,
  parts: ReferenceParts,
  bodyLimitBytes: number,
): Router {
  const router = express.Router();
  router.use('/api/admin', requireRole(['admin'], stores.keys, parts));
  // Not strict, so a body of `null` or `[]` reaches validation, which names
  // the JSON type it got instead of calling the body invalid JSON.
  const readJson = express.json({ limit: bodyLimitBytes, strict: false });
  router.use('/api/admin', readJson);
  mountTokenRoutes(router, stores, parts);
  mountPolicyRoute(router, stores, parts);
  mountApiKeyRoutes(router, stores, parts);
  return router;
}

function mountTokenRoutes(
  router: Router,
  stores: AdminStores,
  parts: ReferenceParts,
) {
  const base = '/api/admin/ingest-tokens';
  const view = parts.tokenView;

  router.get(base, (_req, res) => {
    const tokens = stores.tokens.list().map(view);
    res.json({ policy: stores.policy.get(), tokens });
  });

  router.post(base, async (req, res) => {
    const input = validate(createTokenSchema, req, res, parts);
    if (input === undefined) return;

    const created = await stores.tokens.create({
      ...input,
      indexes: input.indexes ?? [],
    });
    res.status(201).json({ ...view(created.record), secret: created.secret });
  });

  router.get(`${base}/:id`, (req, res) => {
    const token = stores.tokens.get(req.params.id);
    if (token === undefined)
      return notFound(res, 'ingest token', req.params.id, parts);
    res.json(view(token));
  });

  router.patch(`${base}/:id`, async (req, res) => {
    const input = validate(patchTokenSchema, req, res, parts);
    if (input === undefined) return;

    const token = await stores.tokens.setEnabled(req.params.id, input.enabled);
    if (token === undefined)
      return notFound(res, 'ingest token', req.params.id, parts);
    res.json(view(token));
  });

  router.delete(`${base}/:id`, async (req, res) => {
    const removed = await stores.tokens.remove(req.params.id);
    if (!removed) return notFound(res, 'ingest token', req.params.id, parts);
    res.status(204).end();
  });
}

function mountPolicyRoute(
  router: Router,
  stores: AdminStores,
  parts: ReferenceParts,
) {
  router.put('/api/admin/ingest-auth', async (req, res) => {
    const input = validate(policySchema, req, res, parts);
    if (input === undefined) return;
    res.json(await stores.policy.update(input));
  });
}

function mountApiKeyRoutes(
  router: Router,
  stores: AdminStores,
  parts: ReferenceParts,
) {
  const base = '/api/admin/api-keys';
  const view = parts.apiKeyView;

  router.get(base, (_req, res) => {
    res.json({ keys: stores.keys.list().map(view) });
  });

  router.post(base, async (req, res) => {
    const input = validate(createApiKeySchema, req, res, parts);
    if (input === undefined) return;

    const created = await stores.keys.create(input);
    res.status(201).json({ ...view(created.record), secret: created.secret });
  });

  router.delete(`${base}/:id`, async (req, res) => {
    const removal = await stores.keys.remove(req.params.id);
    if (removal === 'not_found') {
      return notFound(res, 'API key', req.params.id, parts);
    }
    if (removal === 'last_admin') {
      return sendError(res, heliosError('last_admin_key'), parts);
    }
    res.status(204).end();
  });
}

/** Parses the JSON body with `schema`, or sends a 400 naming the field. */
function validate<T>(
  schema: z.ZodType<T>,
  req: Request,
  res: Response,
  parts: ReferenceParts,
): T | undefined {
  const result = schema.safeParse(req.body);
  if (result.success) return result.data;

  const message = describeIssue(result.error.issues[0], req.body);
  sendError(res, heliosError('invalid_field', message), parts);
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue, body: unknown): string {
  if (body === undefined) {
    return 'The body must be a JSON object (Content-Type: application/json).';
  }
  if (!isPlainObject(body)) {
    return `The body must be a JSON object, got ${jsonTypeName(body)}.`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `Unknown field "${issue.keys.join('", "')}".`;
  }
  const field = issue.path.map(String).join('.');
  if (field === '') return `Invalid body: ${issue.message}.`;
  return `Invalid field "${field}": ${issue.message}.`;
}

function notFound(
  res: Response,
  resource: string,
  id: string,
  parts: ReferenceParts,
) {
  sendError(
    res,
    heliosError('not_found', `No ${resource} with id "${id}".`),
    parts,
  );
}
