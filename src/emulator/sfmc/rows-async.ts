import type { EmuHandler } from '../http/types.ts';
import { json, notFound, parseJson, restDate, type SfmcContext } from './context.ts';
import { page } from './paging.ts';

interface AsyncRequestData {
  deKey: string;
  callDateTime: string;
  pickupDateTime?: string;
  completionDateTime?: string;
  requestStatus: 'Pending' | 'Executing' | 'Complete' | 'Error';
  errors: Array<{ errorCode: string; message: string; status: 'Error' }>;
}

const ASYNC_LIMIT = 32_000;

/** POST (insert) / PUT (upsert) rows asynchronously; status and per-row results by requestId. */
export function createAsyncRowsHandler(ctx: SfmcContext): EmuHandler {
  const { state } = ctx;
  return (req) => {
    const write = /^\/data\/v1\/async\/dataextensions\/(key:)?([^/]+)\/rows\/?$/.exec(req.path);
    if (write && (req.method === 'POST' || req.method === 'PUT')) {
      const id = decodeURIComponent(write[2]);
      const de = write[1] ? state.dataExtensions.get(id) : state.dataExtensions.getById(id);
      const requestId = crypto.randomUUID();
      if (!de) {
        return json(400, {
          requestId,
          resultMessages: [
            {
              resultType: 'Validation',
              resultClass: 'Error',
              resultCode: 'CustomObjectNotFound',
              message: `Failed to resolve the Custom Object from the provided ObjectReferenceIdentifier [Id: ${write[1] ? '' : id}, Key: ${write[1] ? id : ''}].`,
            },
          ],
        });
      }
      const parsed = parseJson(req);
      if (!parsed.ok) return parsed.response;
      const items = (parsed.value as { items?: unknown }).items;
      if (!Array.isArray(items) || items.length === 0) {
        return json(400, {
          requestId,
          resultMessages: [
            {
              resultType: 'Validation',
              resultClass: 'Error',
              resultCode: 'InvalidItems',
              message: 'items must contain at least one row.',
            },
          ],
        });
      }
      if (items.length > ASYNC_LIMIT) {
        return json(400, {
          requestId,
          resultMessages: [
            {
              resultType: 'Validation',
              resultClass: 'Error',
              resultCode: 'TooManyItems',
              message: `A request may contain at most ${ASYNC_LIMIT} items.`,
            },
          ],
        });
      }
      const data: AsyncRequestData = {
        deKey: de.customerKey,
        callDateTime: restDate(state.now()),
        requestStatus: 'Pending',
        errors: [],
      };
      state.objects.put('asyncRequest', {
        objectId: requestId,
        customerKey: requestId,
        name: requestId,
        data,
      });
      const mode = req.method === 'PUT' ? 'upsert' : 'insert';
      ctx.queueAsync(() => {
        const picked = {
          ...data,
          pickupDateTime: restDate(state.now()),
          requestStatus: 'Executing' as const,
        };
        let final: AsyncRequestData;
        try {
          const results = state.writeRows(de.customerKey, items as Record<string, unknown>[], mode, false);
          const errors = results
            .filter((r) => !r.ok)
            .map((r) => ({
              errorCode: /PRIMARY KEY/.test(r.message ?? '') ? 'UnexpectedError' : 'ValidationError',
              message: r.message ?? '',
              status: 'Error' as const,
            }));
          final = { ...picked, requestStatus: 'Complete', errors, completionDateTime: restDate(state.now()) };
        } catch (e) {
          final = {
            ...picked,
            requestStatus: 'Error',
            errors: [{ errorCode: 'UnexpectedError', message: (e as Error).message, status: 'Error' }],
            completionDateTime: restDate(state.now()),
          };
        }
        state.objects.put('asyncRequest', {
          objectId: requestId,
          customerKey: requestId,
          name: requestId,
          data: final,
        });
      }, `async:${requestId}`);
      return json(202, { requestId, resultMessages: [] });
    }
    const status = /^\/data\/v1\/async\/([^/]+)\/(status|results)\/?$/.exec(req.path);
    if (status && req.method === 'GET') {
      const r = state.objects.get<AsyncRequestData>('asyncRequest', status[1]);
      if (!r) return notFound();
      const d = r.data;
      if (status[2] === 'status') {
        const done = d.requestStatus === 'Complete' || d.requestStatus === 'Error';
        return json(200, {
          status: {
            callDateTime: d.callDateTime,
            completionDateTime: d.completionDateTime ?? null,
            hasErrors: d.errors.length > 0,
            pickupDateTime: d.pickupDateTime ?? null,
            requestStatus: d.requestStatus,
            resultStatus: done ? (d.errors.length ? 'Has Errors' : 'OK') : null,
            requestId: r.objectId,
          },
          requestId: r.objectId,
          resultMessages: [],
        });
      }
      return json(200, page(req, d.errors, 50, 500));
    }
    return undefined;
  };
}
