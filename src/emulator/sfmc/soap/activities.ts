import { isKitError } from '../../../errors/index.ts';
import type { FilterActivityData, FilterDefinitionData } from '../../run/filter-run.ts';
import { type QueryData, UPDATE_TYPES } from '../../run/query-run.ts';
import type { AutomationData } from '../../run/runner.ts';
import { translateQuery } from '../../sql/index.ts';
import type { ObjectType } from '../../state/objects.ts';
import type { SfmcContext } from '../context.ts';
import { restDate } from '../context.ts';
import { type SoapObjectType, soapDate, type WriteResult } from './object-type.ts';
import { text, type XNode, xsiType } from './xml.ts';

const err = (message: string, errorCode: number): WriteResult => ({ ok: false, message, errorCode });

/** SOAP objects name their target by ObjectID or, failing that, CustomerKey. */
function findByIdOrKey<T = unknown>(state: SfmcContext['state'], type: ObjectType, o: XNode) {
  const id = text(o.ObjectID);
  return id ? state.objects.get<T>(type, id) : state.objects.getByKey<T>(type, text(o.CustomerKey));
}

export function queryDefinitionType(ctx: SfmcContext): SoapObjectType {
  const { state } = ctx;
  const find = (o: XNode) => findByIdOrKey<QueryData>(state, 'query', o);
  const checkSql = (sql: string) => {
    try {
      translateQuery(sql, (n) => state.resolveTable(n));
      return undefined;
    } catch (e) {
      return isKitError(e) ? e.message : String(e);
    }
  };
  return {
    properties: [
      'ObjectID',
      'CustomerKey',
      'Name',
      'Description',
      'QueryText',
      'TargetType',
      'DataExtensionTarget.CustomerKey',
      'DataExtensionTarget.Name',
      'TargetUpdateType',
      'CategoryID',
      'Status',
      'CreatedDate',
      'ModifiedDate',
    ],
    records: () =>
      state.objects.list<QueryData>('query').map((q) => ({
        ObjectID: q.objectId,
        CustomerKey: q.customerKey,
        Name: q.name,
        Description: q.data.description,
        QueryText: q.data.queryText,
        TargetType: 'DE',
        'DataExtensionTarget.CustomerKey': q.data.targetKey,
        'DataExtensionTarget.Name': state.dataExtensions.get(q.data.targetKey)?.name ?? '',
        TargetUpdateType: UPDATE_TYPES[q.data.targetUpdateTypeId],
        CategoryID: q.data.categoryId,
        Status: 'Active',
        CreatedDate: q.data.createdDate,
        ModifiedDate: q.data.modifiedDate,
      })),
    create(o) {
      const key = text(o.CustomerKey) || crypto.randomUUID();
      if (state.objects.getByKey('query', key))
        return err(`A QueryDefinition with CustomerKey ${key} already exists.`, 2);
      const target = o.DataExtensionTarget as XNode | undefined;
      const de =
        state.dataExtensions.get(text(target?.CustomerKey)) ??
        state.dataExtensions.getByName(text(target?.Name));
      if (!de) return err('The target data extension was not found.', 2);
      const sqlError = checkSql(text(o.QueryText));
      if (sqlError) return err(sqlError, 2);
      const typeId = Math.max(0, UPDATE_TYPES.indexOf((text(o.TargetUpdateType) || 'Overwrite') as never));
      const now = restDate(state.now());
      const objectId = crypto.randomUUID();
      state.objects.put<QueryData>('query', {
        objectId,
        customerKey: key,
        name: text(o.Name) || key,
        data: {
          queryText: text(o.QueryText),
          targetKey: de.customerKey,
          targetUpdateTypeId: typeId,
          description: text(o.Description),
          categoryId: Number(text(o.CategoryID) || state.folders.rootOf('queryactivity')!.id),
          createdDate: now,
          modifiedDate: now,
        },
      });
      return { ok: true, message: 'QueryDefinition created', newId: 0, newObjectId: objectId };
    },
    update(o) {
      const q = find(o);
      if (!q) return err('QueryDefinition not found.', 2);
      if (o.QueryText !== undefined) {
        const sqlError = checkSql(text(o.QueryText));
        if (sqlError) return err(sqlError, 2);
      }
      const target = o.DataExtensionTarget as XNode | undefined;
      const de = target ? state.dataExtensions.get(text(target.CustomerKey)) : undefined;
      const type = text(o.TargetUpdateType);
      state.objects.put<QueryData>('query', {
        ...q,
        name: text(o.Name) || q.name,
        data: {
          ...q.data,
          queryText: o.QueryText === undefined ? q.data.queryText : text(o.QueryText),
          targetKey: de?.customerKey ?? q.data.targetKey,
          targetUpdateTypeId: type
            ? Math.max(0, UPDATE_TYPES.indexOf(type as never))
            : q.data.targetUpdateTypeId,
          description: o.Description === undefined ? q.data.description : text(o.Description),
          modifiedDate: restDate(state.now()),
        },
      });
      return { ok: true, message: 'QueryDefinition updated' };
    },
    delete(o) {
      const q = find(o);
      if (!q) return err('QueryDefinition not found.', 2);
      state.objects.delete('query', q.objectId);
      return { ok: true, message: 'QueryDefinition deleted' };
    },
  };
}

const OPS: Record<string, string> = {
  equals: 'Equal',
  notEquals: 'NotEqual',
  greaterThan: 'GreaterThan',
  lessThan: 'LessThan',
  greaterThanOrEqual: 'AtOrAfter',
  lessThanOrEqual: 'AtOrBefore',
  isNull: 'IsEmpty',
  isNotNull: 'IsNotEmpty',
  like: 'Contains',
};

const xmlEsc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** SOAP FilterDefinition's DataFilter (Simple/ComplexFilterPart on field names) as Filter Definition XML. */
function dataFilterToXml(node: XNode, fieldId: (name: string) => string | undefined): string {
  if (xsiType(node) === 'ComplexFilterPart') {
    const op = text(node.LogicalOperator).toUpperCase() === 'OR' ? 'OR' : 'AND';
    return `<ConditionSet Operator="${op}" ConditionSetName="Grouping">${dataFilterToXml(node.LeftOperand as XNode, fieldId)}${dataFilterToXml(node.RightOperand as XNode, fieldId)}</ConditionSet>`;
  }
  const name = text(node.Property);
  const id = fieldId(name);
  if (!id) throw new Error(`Unknown field ${name} in DataFilter.`);
  const op = OPS[text(node.SimpleOperator)];
  if (!op) throw new Error(`Unsupported SimpleOperator ${text(node.SimpleOperator)}.`);
  const value = text((node.Value as unknown[] | undefined)?.[0] ?? node.DateValue).replace(/%/g, '');
  const inner = op === 'IsEmpty' || op === 'IsNotEmpty' ? '' : `<Value><![CDATA[${value}]]></Value>`;
  return `<Condition ID="${xmlEsc(id)}" Operator="${op}">${inner}</Condition>`;
}

export function filterDefinitionType(ctx: SfmcContext): SoapObjectType {
  const { state } = ctx;
  return {
    properties: ['ObjectID', 'CustomerKey', 'Name', 'Description', 'CategoryID', 'DataSource.ObjectID'],
    records: () =>
      state.objects.list<FilterDefinitionData>('filterDefinition').map((f) => ({
        ObjectID: f.objectId,
        CustomerKey: f.customerKey,
        Name: f.name,
        Description: f.data.description,
        CategoryID: f.data.categoryId,
        'DataSource.ObjectID': f.data.derivedFromObjectId,
      })),
    create(o) {
      const key = text(o.CustomerKey) || crypto.randomUUID();
      if (state.objects.getByKey('filterDefinition', key))
        return err(`A filter definition with the key ${key} already exists.`, 373005);
      if (state.objects.getByName('filterDefinition', text(o.Name)))
        return err(`A filter definition named ${text(o.Name)} already exists.`, 373004);
      const ds = o.DataSource as XNode | undefined;
      const de =
        state.dataExtensions.get(text(ds?.CustomerKey)) ?? state.dataExtensions.getById(text(ds?.ObjectID));
      if (!de) return err('The DataSource data extension was not found.', 373003);
      let xml: string;
      try {
        const inner = dataFilterToXml(
          o.DataFilter as XNode,
          (n) => de.fields.find((f) => f.name.toLowerCase() === n.toLowerCase())?.objectId,
        );
        xml = `<FilterDefinition Source="DataExtension" SourceID="${de.objectId}"><ConditionSet Operator="AND" ConditionSetName="Individual Filter Grouping">${inner}</ConditionSet></FilterDefinition>`;
      } catch (e) {
        return err((e as Error).message, 373009);
      }
      const now = restDate(state.now());
      const objectId = crypto.randomUUID();
      state.objects.put<FilterDefinitionData>('filterDefinition', {
        objectId,
        customerKey: key,
        name: text(o.Name) || key,
        data: {
          description: text(o.Description),
          categoryId: Number(text(o.CategoryID) || state.folders.rootOf('filterdefinition')!.id),
          derivedFromType: 2,
          derivedFromObjectId: de.objectId,
          filterDefinitionXml: xml,
          createdDate: now,
          lastUpdated: now,
        },
      });
      return { ok: true, message: 'FilterDefinition created', newId: 0, newObjectId: objectId };
    },
    delete(o) {
      const f = findByIdOrKey(state, 'filterDefinition', o);
      if (!f) return err('FilterDefinition not found.', 373001);
      state.objects.delete('filterDefinition', f.objectId);
      return { ok: true, message: 'FilterDefinition deleted' };
    },
  };
}

export function filterActivityType(ctx: SfmcContext): SoapObjectType {
  const { state } = ctx;
  return {
    properties: [
      'ObjectID',
      'CustomerKey',
      'Name',
      'Description',
      'FilterActivityID',
      'FilterDefinitionID',
      'DestinationObjectID',
      'DestinationTypeID',
      'SourceObjectID',
      'SourceTypeID',
      'CategoryID',
    ],
    records: () =>
      state.objects.list<FilterActivityData>('filterActivity').map((f) => ({
        ObjectID: f.objectId,
        CustomerKey: f.customerKey,
        Name: f.name,
        Description: f.data.description,
        FilterActivityID: f.objectId,
        FilterDefinitionID: f.data.filterDefinitionId,
        DestinationObjectID: f.data.destinationObjectId,
        DestinationTypeID: 2,
        SourceObjectID: f.data.sourceObjectId,
        SourceTypeID: 2,
        CategoryID: f.data.categoryId,
      })),
    create(o) {
      const key = text(o.CustomerKey) || crypto.randomUUID();
      if (state.objects.getByKey('filterActivity', key))
        return err(`A filter activity with the key ${key} already exists.`, 303001);
      const def = state.objects.get('filterDefinition', text(o.FilterDefinitionID));
      if (!def) return err('The filter definition was not found.', 303002);
      const source = state.dataExtensions.getById(text(o.SourceObjectID));
      const dest = state.dataExtensions.getById(text(o.DestinationObjectID));
      if (!source || !dest) return err('The source or destination data extension was not found.', 303003);
      const objectId = crypto.randomUUID();
      const now = restDate(state.now());
      state.objects.put<FilterActivityData>('filterActivity', {
        objectId,
        customerKey: key,
        name: text(o.Name) || key,
        data: {
          description: text(o.Description),
          categoryId: Number(text(o.CategoryID) || state.folders.rootOf('filteractivity')!.id),
          filterDefinitionId: def.objectId,
          sourceObjectId: source.objectId,
          destinationObjectId: dest.objectId,
          createdDate: now,
          modifiedDate: now,
        },
      });
      return {
        ok: true,
        message: 'FilterActivity Created',
        newId: 0,
        newObjectId: objectId,
        object: {
          '@type': 'FilterActivity',
          PartnerKey: null,
          ObjectID: null,
          CustomerKey: key,
          Name: text(o.Name) || key,
          Description: text(o.Description),
          FilterActivityID: objectId,
          FilterDefinitionID: def.objectId,
          DestinationObjectID: dest.objectId,
          DestinationTypeID: 2,
          SourceObjectID: source.objectId,
          SourceTypeID: 2,
        },
      };
    },
    delete(o) {
      const f = findByIdOrKey(state, 'filterActivity', o);
      if (!f) return err('FilterActivity not found.', 303001);
      state.objects.delete('filterActivity', f.objectId);
      return { ok: true, message: 'FilterActivity deleted' };
    },
  };
}

export function automationType(ctx: SfmcContext): SoapObjectType {
  const { state } = ctx;
  return {
    properties: [
      'ObjectID',
      'CustomerKey',
      'Name',
      'Description',
      'CategoryID',
      'Status',
      'IsActive',
      'ProgramID',
      'CreatedDate',
      'ModifiedDate',
    ],
    records: () =>
      state.objects.list<AutomationData>('automation').map((a) => ({
        ObjectID: a.objectId,
        CustomerKey: a.customerKey,
        Name: a.name,
        Description: a.data.description,
        CategoryID: a.data.categoryId,
        Status: ctx.isRunning(`automation:${a.objectId}`)
          ? 3
          : a.data.schedule?.scheduleStatus === 'scheduled'
            ? 6
            : a.data.statusId,
        IsActive: 'true',
        ProgramID: a.objectId,
        CreatedDate: soapDate(a.data.createdDate),
        ModifiedDate: soapDate(a.data.lastSavedDate),
      })),
    delete(o) {
      const a = findByIdOrKey(state, 'automation', o);
      if (!a) return err('Automation not found.', 2);
      state.objects.delete('automation', a.objectId);
      return {
        ok: true,
        message: 'Program deleted',
        object: {
          '@type': 'Automation',
          PartnerKey: null,
          ObjectID: a.objectId,
          CustomerKey: a.customerKey,
          IsPlatformObject: 'false',
          Name: '',
          Description: '',
          IsActive: 'true',
        },
      };
    },
  };
}
