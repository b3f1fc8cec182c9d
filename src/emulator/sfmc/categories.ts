import type { EmuHandler } from '../http/types.ts';
import { RuleError } from '../state/index.ts';
import { json, parseJson, restError, type SfmcContext } from './context.ts';

type Body = Record<string, unknown>;

/**
 * POST /email/v1/category: the REST folder create SFMC offers for automation and journey folders, which SOAP
 * DataFolder Create refuses. Body `{parentCatId, name, catType}`, answer `{categoryId, parentCatId, objectId,
 * catType, name}` (Accenture/sfmc-devtools lib/metadataTypes/Folder.js and its recorded
 * test/resources/9999999/email/v1/category/post-response-parentCatId=290937,name=my,catType=automations.json).
 * Field names are read case-insensitively: the StackExchange answer quoted in sfmc-devtools issue #1320 sends
 * `ParentCatId`/`Name`/`CatType`.
 */
export function createCategoriesHandler(ctx: SfmcContext): EmuHandler {
  return (req) => {
    if (!/^\/email\/v1\/category\/?$/i.test(req.path) || req.method !== 'POST') return undefined;
    const parsed = parseJson(req);
    if (!parsed.ok) return parsed.response;
    const body = Object.fromEntries(
      Object.entries((parsed.value ?? {}) as Body).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const name = String(body.name ?? '');
    const catType = String(body.cattype ?? '');
    const parentCatId = Number(body.parentcatid);
    if (!name || !catType || !Number.isFinite(parentCatId))
      return restError(400, 10002, 'parentCatId, name and catType are required.');
    try {
      const f = ctx.state.folders.create({ name, contentType: catType, parentId: parentCatId, api: 'rest' });
      return json(200, { categoryId: f.id, parentCatId, objectId: f.objectId, catType, name });
    } catch (e) {
      if (e instanceof RuleError) return restError(400, e.errorCode, e.message);
      throw e;
    }
  };
}
