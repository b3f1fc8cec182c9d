import { KitError } from '../../errors/index.ts';
import { child, num, str } from '../soap/parse.ts';
import { retrieveList } from '../soap/retrieve.ts';
import type { RestClient } from '../rest/rest-client.ts';
import type { SoapClient } from '../soap/soap-client.ts';

/**
 * Content types whose folders SOAP DataFolder Create does not make: SFMC refuses automation and journey folders
 * there (Accenture/sfmc-devtools issue #1320; its lib/metadataTypes/Folder.js creates them with REST
 * `POST /email/v1/category` `{parentCatId, name, catType}` and reads `categoryId` from the answer, recorded in
 * its test/resources/9999999/email/v1/category/post-response-…catType=automations.json).
 */
export const REST_FOLDER_TYPES: ReadonlySet<string> = new Set(['automations', 'journey']);

export type FolderContentType =
  | 'dataextension'
  | 'shared_dataextension'
  | 'queryactivity'
  | 'filterdefinition'
  | 'filteractivity'
  | 'automations'
  | 'hidden'
  | (string & {});

export interface Folder {
  id: number;
  name: string;
  customerKey?: string;
  /** 0 for a root folder. */
  parentId: number;
  contentType: string;
}

const PROPERTIES = [
  'ID',
  'CustomerKey',
  'Name',
  'ParentFolder.ID',
  'ContentType',
  'IsActive',
  'IsEditable',
  'AllowChildren',
];

export function createFolders(soap: SoapClient, rest?: RestClient) {
  async function list(contentType: FolderContentType): Promise<Folder[]> {
    const records = await retrieveList(soap, {
      objectType: 'DataFolder',
      properties: PROPERTIES,
      filter: { property: 'ContentType', operator: 'equals', value: contentType },
    });
    return records.map((r) => ({
      id: num(r, 'ID') ?? 0,
      name: str(r, 'Name') ?? '',
      customerKey: str(r, 'CustomerKey') || undefined,
      parentId: num(child(r, 'ParentFolder'), 'ID') ?? 0,
      contentType: str(r, 'ContentType') ?? contentType,
    }));
  }

  async function create(input: {
    name: string;
    parentId: number;
    contentType: FolderContentType;
  }): Promise<Folder> {
    if (REST_FOLDER_TYPES.has(input.contentType.toLowerCase())) {
      if (!rest) throw new KitError('USAGE', `creating a ${input.contentType} folder needs the REST client`);
      const answer = await rest.request<{ categoryId?: number }>({
        method: 'POST',
        path: '/email/v1/category',
        body: { parentCatId: input.parentId, name: input.name, catType: input.contentType },
      });
      const id = Number(answer?.categoryId);
      if (!id)
        throw new KitError(
          'API_ERROR',
          `folder "${input.name}" was not created (no categoryId in the answer)`,
        );
      return { id, name: input.name, parentId: input.parentId, contentType: input.contentType };
    }
    const reply = await soap.call('Create', {
      Objects: {
        '@xsi:type': 'DataFolder',
        Name: input.name,
        Description: input.name,
        ContentType: input.contentType,
        ParentFolder: { ID: input.parentId },
        IsActive: true,
        IsEditable: true,
        AllowChildren: true,
      },
    });
    const id = num(reply.results[0], 'NewID');
    if (!id)
      throw new KitError('API_ERROR', `folder "${input.name}" was not created (no NewID in the answer)`);
    return { id, name: input.name, parentId: input.parentId, contentType: input.contentType };
  }

  /**
   * Resolves `Data Extensions/sfmc-kit/segments` (first segment = the root folder of that content
   * type) and creates missing levels. Names compare case-insensitively, as SFMC's UI does.
   */
  async function ensurePath(path: string, contentType: FolderContentType): Promise<Folder> {
    const names = path
      .split('/')
      .map((s) => s.trim())
      .filter(Boolean);
    if (names.length === 0) throw new KitError('USAGE', 'folder path is empty');
    const folders = await list(contentType);
    const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    let current = folders.find((f) => f.parentId === 0 && same(f.name, names[0]));
    if (!current) {
      const roots = folders.filter((f) => f.parentId === 0).map((f) => `"${f.name}"`);
      throw new KitError('NOT_FOUND', `no root folder "${names[0]}" for content type ${contentType}`, {
        hint: roots.length ? `Root folders: ${roots.join(', ')}` : undefined,
      });
    }
    for (const name of names.slice(1)) {
      const parent: Folder = current;
      const existing = folders.find((f) => f.parentId === parent.id && same(f.name, name));
      current = existing ?? (await create({ name, parentId: parent.id, contentType }));
      if (!existing) folders.push(current);
    }
    return current;
  }

  return { list, create, ensurePath };
}

export type FoldersResource = ReturnType<typeof createFolders>;
