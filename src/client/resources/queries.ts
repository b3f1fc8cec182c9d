import { ApiError, KitError } from '../../errors/index.ts';
import { collect, paginate } from '../rest/paginate.ts';
import type { RestClient } from '../rest/rest-client.ts';

export type TargetUpdateType = 'Overwrite' | 'Update' | 'Append';
const UPDATE_TYPE_IDS: Record<TargetUpdateType, number> = { Overwrite: 0, Update: 1, Append: 2 };

export interface QueryInput {
  key: string;
  name: string;
  description?: string;
  sql: string;
  targetKey: string;
  targetId?: string;
  targetName?: string;
  updateType: TargetUpdateType;
  /** Folder (categoryId) — required by SFMC. */
  folderId: number;
}

export interface Query {
  id: string;
  key: string;
  name: string;
  description?: string;
  sql: string;
  targetKey: string;
  targetId?: string;
  targetName?: string;
  updateType: TargetUpdateType;
  folderId?: number;
  /** SFMC's wrapped INSERT, only on create/update answers. */
  validatedSql?: string;
}

export interface SqlValidation {
  valid: boolean;
  errors: string[];
  warnings: string[];
}

interface RawQuery {
  queryDefinitionId: string;
  key: string;
  name: string;
  description?: string;
  queryText: string;
  targetKey: string;
  targetId?: string;
  targetName?: string;
  targetUpdateTypeName?: TargetUpdateType;
  targetUpdateTypeId?: number;
  categoryId?: number;
  validatedQueryText?: string;
}

function toQuery(raw: RawQuery): Query {
  const byId = (Object.keys(UPDATE_TYPE_IDS) as TargetUpdateType[])[raw.targetUpdateTypeId ?? 0];
  return {
    id: raw.queryDefinitionId,
    key: raw.key,
    name: raw.name,
    description: raw.description || undefined,
    sql: raw.queryText,
    targetKey: raw.targetKey,
    targetId: raw.targetId,
    targetName: raw.targetName,
    updateType: raw.targetUpdateTypeName ?? byId,
    folderId: raw.categoryId,
    ...(raw.validatedQueryText ? { validatedSql: raw.validatedQueryText } : {}),
  };
}

function toBody(input: Partial<QueryInput>) {
  // The endpoint wants a flat body; a nested `target` answers HTTP 500.
  return {
    name: input.name,
    key: input.key,
    description: input.description,
    queryText: input.sql,
    targetKey: input.targetKey,
    targetId: input.targetId,
    targetName: input.targetName,
    ...(input.updateType
      ? { targetUpdateTypeId: UPDATE_TYPE_IDS[input.updateType], targetUpdateTypeName: input.updateType }
      : {}),
    categoryId: input.folderId,
  };
}

const BASE = '/automation/v1/queries';

export interface QueriesDeps {
  rest: RestClient;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
}

export function createQueries({ rest, sleep, now }: QueriesDeps) {
  const get = async (id: string) =>
    toQuery(await rest.request<RawQuery>({ method: 'GET', path: `${BASE}/${id}` }));

  async function isRunning(id: string): Promise<boolean> {
    const body = await rest.request<{ isRunning?: boolean }>({
      method: 'GET',
      path: `${BASE}/${id}/actions/isrunning/`,
    });
    return Boolean(body?.isRunning);
  }

  return {
    async create(input: QueryInput): Promise<Query> {
      return toQuery(await rest.request<RawQuery>({ method: 'POST', path: `${BASE}/`, body: toBody(input) }));
    },
    async update(id: string, patch: Partial<QueryInput>): Promise<Query> {
      return toQuery(
        await rest.request<RawQuery>({ method: 'PATCH', path: `${BASE}/${id}`, body: toBody(patch) }),
      );
    },
    get,
    /** Filters server-side by key; if SFMC refuses the filter (400), pages through all queries. */
    async getByKey(key: string): Promise<Query | undefined> {
      const filter = `key eq '${key.replace(/'/g, "''")}'`;
      let items: RawQuery[];
      try {
        items = await collect(paginate<RawQuery>(rest, `${BASE}/`, { query: { $filter: filter } }));
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 400) throw error;
        items = await collect(paginate<RawQuery>(rest, `${BASE}/`));
      }
      const match = items.find((q) => q.key.toLowerCase() === key.toLowerCase());
      return match ? toQuery(match) : undefined;
    },
    list(options: { pageSize?: number } = {}): AsyncIterable<Query> {
      const pages = paginate<RawQuery>(rest, `${BASE}/`, { pageSize: options.pageSize ?? 50 });
      return (async function* () {
        for await (const raw of pages) yield toQuery(raw);
      })();
    },
    async delete(id: string): Promise<void> {
      await rest.request({ method: 'DELETE', path: `${BASE}/${id}` });
    },
    async start(id: string): Promise<void> {
      await rest.request({ method: 'POST', path: `${BASE}/${id}/actions/start/` });
    },
    isRunning,
    /** Polls isrunning until false; SFMC kills queries after 30 min, so the default timeout is 35. */
    async waitUntilDone(
      id: string,
      options: { pollIntervalMs?: number; timeoutMs?: number; signal?: AbortSignal } = {},
    ) {
      const deadline = now() + (options.timeoutMs ?? 35 * 60_000);
      while (await isRunning(id)) {
        if (now() >= deadline)
          throw new KitError('TIMEOUT', `query ${id} is still running after the timeout`);
        await sleep(options.pollIntervalMs ?? 5000, options.signal);
      }
    },
    async validate(sql: string): Promise<SqlValidation> {
      const body = await rest.request<{ queryValid?: boolean; errors?: unknown[]; warnings?: unknown[] }>({
        method: 'POST',
        path: `${BASE}/actions/validate/`,
        body: { Text: sql },
      });
      const messages = (list: unknown[] | undefined) =>
        (list ?? []).map((e) =>
          typeof e === 'string' ? e : String((e as { message?: unknown })?.message ?? JSON.stringify(e)),
        );
      return {
        valid: Boolean(body?.queryValid),
        errors: messages(body?.errors),
        warnings: messages(body?.warnings),
      };
    },
  };
}

export type QueriesResource = ReturnType<typeof createQueries>;
