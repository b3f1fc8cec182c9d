import { KitError } from '../../errors/index.ts';
import { paginate } from '../rest/paginate.ts';
import type { RestClient } from '../rest/rest-client.ts';
import { str } from '../soap/parse.ts';
import type { SoapClient } from '../soap/soap-client.ts';

export interface FilterDefinitionInput {
  key: string;
  name: string;
  description?: string;
  folderId: number;
  /** ObjectID of the source data extension. */
  sourceDataExtensionId: string;
  /** `<FilterDefinition Source="DataExtension" SourceID="…">…` */
  xml: string;
}

export interface FilterDefinition {
  id: string;
  key: string;
  name: string;
  description?: string;
  folderId?: number;
  sourceDataExtensionId?: string;
  xml: string;
}

export interface FilterActivityInput {
  key: string;
  name: string;
  description?: string;
  folderId?: number;
  filterDefinitionId: string;
  sourceDataExtensionId: string;
  destinationDataExtensionId: string;
}

export interface FilterActivity {
  id: string;
  key: string;
  name: string;
  description?: string;
  folderId?: number;
  filterDefinitionId?: string;
  sourceObjectId?: string;
  destinationObjectId?: string;
  statusId?: number;
}

function toDefinition(raw: Record<string, unknown>): FilterDefinition {
  return {
    id: String(raw.id),
    key: String(raw.key ?? ''),
    name: String(raw.name ?? ''),
    description: raw.description ? String(raw.description) : undefined,
    folderId: typeof raw.categoryId === 'number' ? raw.categoryId : undefined,
    sourceDataExtensionId: raw.derivedFromObjectId ? String(raw.derivedFromObjectId) : undefined,
    xml: String(raw.filterDefinitionXml ?? ''),
  };
}

function toActivity(raw: Record<string, unknown>): FilterActivity {
  return {
    id: String(raw.filterActivityId ?? raw.id),
    key: String(raw.customerKey ?? ''),
    name: String(raw.name ?? ''),
    description: raw.description ? String(raw.description) : undefined,
    folderId: typeof raw.categoryId === 'number' ? raw.categoryId : undefined,
    filterDefinitionId: raw.filterDefinitionId ? String(raw.filterDefinitionId) : undefined,
    sourceObjectId: raw.sourceObjectId ? String(raw.sourceObjectId) : undefined,
    destinationObjectId: raw.destinationObjectId ? String(raw.destinationObjectId) : undefined,
    statusId: typeof raw.statusId === 'number' ? raw.statusId : undefined,
  };
}

const DEF = '/email/v1/filters/filterdefinition';
const ACT = '/automation/v1/filters';
/** derivedFromType 2 = data extension. */
const FROM_DATA_EXTENSION = 2;
/** Source/destination type 2 = data extension. */
const DE_TYPE = 2;

export function createFilters({ rest, soap }: { rest: RestClient; soap: SoapClient }) {
  const definitions = {
    async create(input: FilterDefinitionInput): Promise<FilterDefinition> {
      const raw = await rest.request<Record<string, unknown>>({
        method: 'POST',
        path: `${DEF}/`,
        body: {
          key: input.key,
          name: input.name,
          description: input.description ?? '',
          categoryId: input.folderId,
          derivedFromType: FROM_DATA_EXTENSION,
          derivedFromObjectId: input.sourceDataExtensionId,
          filterDefinitionXml: input.xml,
        },
      });
      return toDefinition(raw);
    },
    async get(id: string): Promise<FilterDefinition> {
      return toDefinition(
        await rest.request<Record<string, unknown>>({ method: 'GET', path: `${DEF}/${id}` }),
      );
    },
    /** The source DE cannot change after creation, so only name, description, folder and XML are sent. */
    async update(
      id: string,
      patch: Partial<Pick<FilterDefinitionInput, 'name' | 'description' | 'folderId' | 'xml'>>,
    ) {
      const raw = await rest.request<Record<string, unknown>>({
        method: 'PATCH',
        path: `${DEF}/${id}`,
        body: {
          name: patch.name,
          description: patch.description,
          categoryId: patch.folderId,
          filterDefinitionXml: patch.xml,
        },
      });
      return toDefinition(raw);
    },
    async delete(id: string): Promise<void> {
      await rest.request({ method: 'DELETE', path: `${DEF}/${id}` });
    },
    list(folderId: number, options: { pageSize?: number } = {}): AsyncIterable<FilterDefinition> {
      const pages = paginate<Record<string, unknown>>(rest, `${DEF}/category/${folderId}`, {
        query: { derivedFromType: '1,2,3,4' },
        pageSize: options.pageSize ?? 100,
      });
      return (async function* () {
        for await (const raw of pages) yield toDefinition(raw);
      })();
    },
  };

  const activities = {
    /** SOAP create: REST POST would create a new target DE instead of using an existing one. */
    async create(input: FilterActivityInput): Promise<FilterActivity> {
      const reply = await soap.call('Create', {
        Objects: {
          '@xsi:type': 'FilterActivity',
          CustomerKey: input.key,
          Name: input.name,
          Description: input.description,
          FilterDefinitionID: input.filterDefinitionId,
          SourceTypeID: DE_TYPE,
          SourceObjectID: input.sourceDataExtensionId,
          DestinationTypeID: DE_TYPE,
          DestinationObjectID: input.destinationDataExtensionId,
        },
      });
      const id = str(reply.results[0], 'NewObjectID');
      if (!id)
        throw new KitError('API_ERROR', `filter activity "${input.key}" was not created (no NewObjectID)`);
      // SOAP ignores the folder; set it afterwards like sfmc-devtools does.
      if (input.folderId !== undefined) await activities.patch(id, { categoryId: input.folderId });
      return {
        id,
        key: input.key,
        name: input.name,
        description: input.description,
        folderId: input.folderId,
        filterDefinitionId: input.filterDefinitionId,
        sourceObjectId: input.sourceDataExtensionId,
        destinationObjectId: input.destinationDataExtensionId,
      };
    },
    async get(id: string): Promise<FilterActivity> {
      return toActivity(await rest.request<Record<string, unknown>>({ method: 'GET', path: `${ACT}/${id}` }));
    },
    async patch(id: string, body: Record<string, unknown>): Promise<FilterActivity> {
      return toActivity(
        await rest.request<Record<string, unknown>>({ method: 'PATCH', path: `${ACT}/${id}`, body }),
      );
    },
    async delete(id: string): Promise<void> {
      await rest.request({ method: 'DELETE', path: `${ACT}/${id}` });
    },
    list(options: { pageSize?: number } = {}): AsyncIterable<FilterActivity> {
      const pages = paginate<Record<string, unknown>>(rest, `${ACT}/`, { pageSize: options.pageSize ?? 50 });
      return (async function* () {
        for await (const raw of pages) yield toActivity(raw);
      })();
    },
    /** Refreshes the destination DE now via SOAP Perform. */
    async start(id: string): Promise<void> {
      await soap.call('Perform', {
        Action: 'start',
        Definitions: { Definition: { '@xsi:type': 'FilterActivity', ObjectID: id } },
      });
    },
  };

  return { definitions, activities };
}

export type FiltersResource = ReturnType<typeof createFilters>;
