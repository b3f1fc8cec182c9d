import type { EmuHandler } from '../http/types.ts';
import { type Credentials, createAuthHandler } from './auth.ts';
import { createAutomationsHandler } from './automations.ts';
import { createCategoriesHandler } from './categories.ts';
import { notAuthorized, notFound, type SfmcContext } from './context.ts';
import { createCustomObjectsHandler } from './custom-objects.ts';
import { createFiltersHandler } from './filters.ts';
import { createLegacyAutomationsHandler } from './legacy-automations.ts';
import { createQueriesHandler } from './queries.ts';
import { createAsyncRowsHandler } from './rows-async.ts';
import { createSyncRowsHandler } from './rows-sync.ts';
import { createRowsetReadHandler } from './rowset-read.ts';
import { createSoapHandler } from './soap/index.ts';
import { createUnmodelledListsHandler } from './unmodelled-rest.ts';

export type { Credentials } from './auth.ts';
export type { SfmcContext } from './context.ts';

const REST_PREFIXES = [
  '/automation/',
  '/data/',
  '/hub/',
  '/email/',
  '/legacy/',
  '/asset/',
  '/interaction/',
  '/messaging/',
  '/platform/',
  '/contacts/',
];

/** The whole SFMC surface: auth, SOAP, and REST behind a bearer-token check. */
export function createSfmcHandler(ctx: SfmcContext, creds: Credentials): EmuHandler {
  const auth = createAuthHandler(ctx, creds);
  const soap = createSoapHandler(ctx);
  const rest: EmuHandler[] = [
    createQueriesHandler(ctx),
    // Before automations.ts, which answers only the single-definition form of the legacy route.
    createLegacyAutomationsHandler(ctx),
    createAutomationsHandler(ctx),
    createCategoriesHandler(ctx),
    createFiltersHandler(ctx),
    createAsyncRowsHandler(ctx),
    createSyncRowsHandler(ctx),
    createRowsetReadHandler(ctx),
    createCustomObjectsHandler(ctx),
    createUnmodelledListsHandler(ctx),
  ];
  return async (req) => {
    const a = await auth(req);
    if (a) return a;
    const s = await soap(req);
    if (s) return s;
    if (!REST_PREFIXES.some((p) => req.path.startsWith(p))) return undefined;
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (ctx.tokens.check(bearer) !== 'ok') return notAuthorized();
    for (const h of rest) {
      const r = await h(req);
      if (r) return r;
    }
    return notFound();
  };
}
