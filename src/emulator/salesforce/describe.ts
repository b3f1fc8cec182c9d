import type { SfField, SfObject } from './objects.ts';

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

const label = (name: string): string =>
  name
    .replace(/__c$/, '')
    .replace(/^pi__/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2');

/** A describe `Field` as jsforce types it (src/types/common.ts). */
export function describeField(f: SfField): Record<string, unknown> {
  const numeric = ['double', 'currency', 'percent'].includes(f.type);
  const system = [
    'Id',
    'IsDeleted',
    'CreatedDate',
    'CreatedById',
    'LastModifiedDate',
    'LastModifiedById',
    'SystemModstamp',
  ];
  const length =
    numeric || f.type === 'int' || f.type === 'boolean' || f.type.startsWith('date') ? 0 : (f.length ?? 255);
  return {
    name: f.name,
    label: f.label ?? label(f.name),
    type: f.type,
    length,
    byteLength: length * 3,
    precision: numeric ? (f.precision ?? 18) : 0,
    scale: numeric ? (f.scale ?? 0) : 0,
    digits: f.type === 'int' ? (f.precision ?? 9) : 0,
    nillable: f.nillable ?? f.type !== 'boolean',
    soapType: SOAP_TYPES[f.type] ?? 'xsd:string',
    calculated: f.name === 'Name' && false,
    custom: f.name.endsWith('__c'),
    externalId: false,
    unique: f.type === 'id',
    createable: !system.includes(f.name),
    updateable: !system.includes(f.name),
    filterable: true,
    sortable: f.type !== 'textarea',
    referenceTo: f.referenceTo ?? [],
    relationshipName: f.type === 'reference' && f.name.endsWith('Id') ? f.name.slice(0, -2) : null,
    picklistValues: (f.picklistValues ?? []).map((value, i) => ({
      active: true,
      defaultValue: i === 0 && f.name === 'Status',
      label: value,
      validFor: null,
      value,
    })),
  };
}

export function describeObject(obj: SfObject, urlBase: string): Record<string, unknown> {
  const url = `${urlBase}/sobjects/${obj.name}`;
  return {
    name: obj.name,
    label: obj.label ?? label(obj.name),
    labelPlural: `${obj.label ?? label(obj.name)}s`,
    keyPrefix: obj.keyPrefix,
    custom: obj.name.endsWith('__c'),
    queryable: true,
    retrieveable: true,
    replicateable: true,
    searchable: true,
    createable: true,
    updateable: true,
    deletable: true,
    fields: obj.fields.map(describeField),
    childRelationships: [],
    recordTypeInfos: [],
    urls: { sobject: url, describe: `${url}/describe`, rowTemplate: `${url}/{ID}` },
  };
}
