import { isKitError } from '../../errors/index.ts';
import type { EmuHandler } from '../http/types.ts';
import { type QueryData, UPDATE_TYPES } from '../run/query-run.ts';
import { translateQuery } from '../sql/index.ts';
import type { StoredObject } from '../state/index.ts';
import { json, notFound, parseJson, restDate, restError, type SfmcContext, text } from './context.ts';
import { odataFilter, page } from './paging.ts';

const BASE = '/automation/v1/queries';

/** REST query activities: flat body, target by key or id, update type by id or name. */
export function createQueriesHandler(ctx: SfmcContext): EmuHandler {
  const { state } = ctx;
  const view = (q: StoredObject<QueryData>, withValidated = false) => {
    const de = state.dataExtensions.get(q.data.targetKey);
    const out: Record<string, unknown> = {
      queryDefinitionId: q.objectId,
      name: q.name,
      key: q.customerKey,
      description: q.data.description,
      queryText: q.data.queryText,
      targetName: de?.name ?? '',
      targetKey: q.data.targetKey,
      targetId: de?.objectId ?? '',
      targetDescription: de?.description ?? '',
      createdDate: q.data.createdDate,
      modifiedDate: q.data.modifiedDate,
      targetUpdateTypeId: q.data.targetUpdateTypeId,
      targetUpdateTypeName: UPDATE_TYPES[q.data.targetUpdateTypeId],
    };
    if (withValidated) {
      const cols = de?.fields.map((f) => `[${f.name}]`).join(', ') ?? '';
      out.validatedQueryText = `SET NOCOUNT ON; SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED;\r\n\r\nINSERT INTO C${ctx.accountId()}.[${de?.name ?? ''}] (${cols})\r\nSELECT querydef.* FROM (${q.data.queryText}) AS querydef \r\nSELECT @rcInsert = @@ROWCOUNT;;\r\n`;
    }
    out.categoryId = q.data.categoryId;
    out.isFrozen = false;
    return out;
  };

  /** Checks SQL and target; returns an error response or the normalised query. */
  const check = (body: Record<string, unknown>, existing?: StoredObject<QueryData>) => {
    const targetKey =
      (body.targetKey as string | undefined) ??
      (body.targetId ? state.dataExtensions.getById(String(body.targetId))?.customerKey : undefined) ??
      existing?.data.targetKey;
    const de = targetKey ? state.dataExtensions.get(targetKey) : undefined;
    if (!de)
      return { error: restError(400, 10000, `Target data extension ${targetKey ?? ''} was not found.`) };
    const queryText = String(body.queryText ?? existing?.data.queryText ?? '');
    let outputColumns: string[] = [];
    try {
      outputColumns = translateQuery(queryText, (n) => state.resolveTable(n)).outputColumns;
    } catch (e) {
      return { error: restError(400, 10000, isKitError(e) ? e.message : String(e)) };
    }
    const selected = new Set(outputColumns.map((c) => c.toLowerCase()));
    const missing = de.fields.filter(
      (f) => (f.isPrimaryKey || f.isRequired) && !f.defaultValue && !selected.has(f.name.toLowerCase()),
    );
    if (missing.length) {
      return {
        error: restError(400, 10000, `Field '${missing[0].name}' is required for the Target Data Extension`, {
          validationErrors: missing.map((f) => ({
            message: `Field '${f.name}' is required for the Target Data Extension`,
          })),
        }),
      };
    }
    let typeId = existing?.data.targetUpdateTypeId ?? 0;
    if (body.targetUpdateTypeId !== undefined) typeId = Number(body.targetUpdateTypeId);
    else if (body.targetUpdateTypeName !== undefined)
      typeId = UPDATE_TYPES.indexOf(body.targetUpdateTypeName as never);
    if (!(typeId in UPDATE_TYPES)) return { error: restError(400, 10000, 'Invalid targetUpdateTypeId.') };
    return { targetKey: de.customerKey, queryText, typeId };
  };

  return (req) => {
    if (!req.path.startsWith(BASE)) return undefined;
    const rest = req.path.slice(BASE.length).replace(/\/+$/, '');
    const parts = rest.split('/').filter(Boolean);
    if (parts.length === 2 && parts[0] === 'actions' && parts[1] === 'validate' && req.method === 'POST') {
      const parsed = parseJson(req);
      if (!parsed.ok) return parsed.response;
      const textBody = String((parsed.value as Record<string, unknown>).Text ?? '');
      try {
        translateQuery(textBody, (n) => state.resolveTable(n));
        return json(200, { queryValid: true });
      } catch (e) {
        return json(200, {
          queryValid: false,
          errors: [{ message: isKitError(e) ? e.message : String(e) }],
          warnings: [],
        });
      }
    }
    if (parts.length === 0) {
      if (req.method === 'GET') {
        const items = odataFilter(
          req,
          state.objects.list<QueryData>('query').map((q) => view(q)),
        );
        return json(200, page(req, items, 50, 500));
      }
      if (req.method !== 'POST') return notFound();
      const parsed = parseJson(req);
      if (!parsed.ok) return parsed.response;
      const body = parsed.value as Record<string, unknown>;
      if ('target' in body && typeof body.target === 'object') {
        return restError(500, 0, 'An error occurred while processing the request.');
      }
      if (!body.name) return restError(400, 10002, 'name is required.');
      if (body.categoryId === undefined) return restError(400, 10002, 'categoryId is required.');
      const key = String(body.key || crypto.randomUUID());
      if (key.length > 36) return restError(400, 10005, 'key must be 36 characters or less.');
      if (state.objects.getByKey('query', key))
        return restError(400, 10000, `A query with the key ${key} already exists.`);
      if (state.objects.getByName('query', String(body.name))) {
        return restError(400, 10000, `A query with the name ${String(body.name)} already exists.`);
      }
      const c = check(body);
      if ('error' in c) return c.error;
      const now = restDate(state.now());
      const q: StoredObject<QueryData> = {
        objectId: crypto.randomUUID(),
        customerKey: key,
        name: String(body.name),
        data: {
          queryText: c.queryText,
          targetKey: c.targetKey!,
          targetUpdateTypeId: c.typeId,
          description: String(body.description ?? ''),
          categoryId: Number(body.categoryId),
          createdDate: now,
          modifiedDate: now,
        },
      };
      state.objects.put('query', q);
      return json(200, view(q, true));
    }
    const q = state.objects.get<QueryData>('query', parts[0]);
    if (!q) return notFound();
    if (parts.length === 1) {
      if (req.method === 'GET') return json(200, view(q));
      if (req.method === 'DELETE') {
        state.objects.delete('query', q.objectId);
        return { status: 200, headers: { 'content-type': 'application/json' }, body: '"OK"' };
      }
      if (req.method === 'PATCH') {
        const parsed = parseJson(req);
        if (!parsed.ok) return parsed.response;
        const body = parsed.value as Record<string, unknown>;
        const c = check(body, q);
        if ('error' in c) return c.error;
        const next: StoredObject<QueryData> = {
          ...q,
          name: String(body.name ?? q.name),
          data: {
            ...q.data,
            queryText: c.queryText,
            targetKey: c.targetKey!,
            targetUpdateTypeId: c.typeId,
            description: String(body.description ?? q.data.description),
            categoryId: Number(body.categoryId ?? q.data.categoryId),
            modifiedDate: restDate(state.now()),
          },
        };
        state.objects.put('query', next);
        return json(200, view(next, true));
      }
      return notFound();
    }
    if (parts[1] === 'actions' && parts[2] === 'start' && req.method === 'POST') {
      // SFMC answers OK and runs in the background; a failed run shows only in the activity's status.
      ctx.queueAsync(() => {
        try {
          ctx.runQuery(q.objectId);
        } catch {
          // recorded in lastRun by the runner
        }
      }, `query:${q.objectId}`);
      return text(200, 'OK');
    }
    if (parts[1] === 'actions' && parts[2] === 'isrunning' && req.method === 'GET') {
      return json(200, { queryDefinitionId: q.objectId, isRunning: ctx.isRunning(`query:${q.objectId}`) });
    }
    return notFound();
  };
}
