import type { Response } from 'express';

import type { Reply } from './endpoints/types';

/** Writes a `Reply`: JSON body, plain text body, or no body. */
export function sendReply(res: Response, reply: Reply): void {
  res.status(reply.status);
  for (const [name, value] of Object.entries(reply.headers ?? {})) {
    res.setHeader(name, value);
  }

  if (reply.text !== undefined) {
    res.type('text/plain').send(reply.text);
  } else if (reply.body !== undefined) {
    res.json(reply.body);
  } else {
    res.end();
  }
}
