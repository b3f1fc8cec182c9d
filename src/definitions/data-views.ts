/**
 * SFMC system data views the rule language can read, with their columns, so rules over them are checked
 * like any data extension. Engagement views keep 6 months of rows; _Subscribers and _BusinessUnitUnsubscribes
 * keep the current status without that limit. Dates are CST (UTC-6, no daylight saving time).
 * Source: help.salesforce.com "Data Views" (Sent, Open, Click, Bounce, Unsubscribe, Complaint, Subscribers, Job,
 * Business Unit Unsubscribes).
 */
import type { FieldType } from './schemas/common.ts';

export interface DataViewColumn {
  name: string;
  type: FieldType;
}

export interface DataViewDef {
  name: string;
  /** Days of history the view keeps; undefined = no limit. */
  retentionDays?: number;
  columns: DataViewColumn[];
}

export const DATA_VIEW_RETENTION_DAYS = 180;

const col = (name: string, type: FieldType = 'Text'): DataViewColumn => ({ name, type });

const ENGAGEMENT: DataViewColumn[] = [
  col('AccountID', 'Number'),
  col('OYBAccountID', 'Number'),
  col('JobID', 'Number'),
  col('ListID', 'Number'),
  col('BatchID', 'Number'),
  col('SubscriberID', 'Number'),
  col('SubscriberKey'),
  col('EventDate', 'Date'),
  col('Domain'),
];

/** Only the send-tracking views carry the triggered send's ids; _Unsubscribe and _Complaint do not. */
const TRIGGERED = [col('TriggererSendDefinitionObjectID'), col('TriggeredSendCustomerKey')];

const engagement = (name: string, extra: DataViewColumn[]): DataViewDef => ({
  name,
  retentionDays: DATA_VIEW_RETENTION_DAYS,
  columns: [...ENGAGEMENT, ...extra],
});

export const DATA_VIEWS: readonly DataViewDef[] = [
  engagement('_Sent', TRIGGERED),
  engagement('_Open', [col('IsUnique', 'Boolean'), ...TRIGGERED]),
  engagement('_Click', [
    ...TRIGGERED,
    col('URL'),
    col('LinkName'),
    col('LinkContent'),
    col('IsUnique', 'Boolean'),
    col('SendURLID', 'Number'),
    col('URLID', 'Number'),
  ]),
  engagement('_Bounce', [
    col('IsUnique', 'Boolean'),
    col('BounceCategoryID', 'Number'),
    col('BounceCategory'),
    col('BounceSubcategoryID', 'Number'),
    col('BounceSubcategory'),
    col('BounceTypeID', 'Number'),
    col('BounceType'),
    col('SMTPBounceReason'),
    col('SMTPMessage'),
    col('SMTPCode', 'Number'),
    col('IsFalseBounce', 'Boolean'),
    ...TRIGGERED,
  ]),
  // Columns as help.salesforce.com lists them ("Data View: Unsubscribe", "Data View: Complaint"):
  // the engagement columns and IsUnique, no triggered-send ids.
  engagement('_Unsubscribe', [col('IsUnique', 'Boolean')]),
  engagement('_Complaint', [col('IsUnique', 'Boolean')]),
  {
    // Unsubscribes per business unit, kept without the 6-month limit of the event views; a child BU reads it
    // as ENT._BusinessUnitUnsubscribes. Columns: help.salesforce.com "Data View: Business Unit Unsubscribes".
    name: '_BusinessUnitUnsubscribes',
    columns: [
      col('BusinessUnitID', 'Number'),
      col('SubscriberID', 'Number'),
      col('SubscriberKey'),
      col('UnsubDateUTC', 'Date'),
      col('UnsubReason'),
    ],
  },
  {
    name: '_Subscribers',
    columns: [
      col('SubscriberID', 'Number'),
      col('SubscriberKey'),
      col('EmailAddress', 'EmailAddress'),
      col('Status'),
      col('DateJoined', 'Date'),
      col('DateUnsubscribed', 'Date'),
      col('DateUndeliverable', 'Date'),
      col('BounceCount', 'Number'),
      col('Domain'),
      col('SubscriberType'),
      col('Locale'),
    ],
  },
  {
    name: '_Job',
    columns: [
      col('JobID', 'Number'),
      col('EmailID', 'Number'),
      col('AccountID', 'Number'),
      col('AccountUserID', 'Number'),
      col('FromName'),
      col('FromEmail', 'EmailAddress'),
      col('SchedTime', 'Date'),
      col('PickupTime', 'Date'),
      col('DeliveredTime', 'Date'),
      col('EventID'),
      col('IsMultipart', 'Boolean'),
      col('JobType'),
      col('JobStatus'),
      col('ModifiedBy', 'Number'),
      col('ModifiedDate', 'Date'),
      col('EmailName'),
      col('EmailSubject'),
      col('IsWrapped', 'Boolean'),
      col('TestEmailAddr'),
      col('Category'),
      col('BccEmail'),
      col('OriginalSchedTime', 'Date'),
      col('CreatedDate', 'Date'),
      col('CharacterSet'),
      col('IPAddress'),
      col('SalesForceTotalSubscriberCount', 'Number'),
      col('SalesForceErrorSubscriberCount', 'Number'),
      col('SendType'),
      col('DynamicEmailSubject'),
      col('SuppressTracking', 'Boolean'),
      col('SendClassificationType'),
      col('SendClassification'),
      col('ResolveLinksWithCurrentData', 'Boolean'),
      col('EmailSendDefinition'),
      col('DeduplicateByEmail', 'Boolean'),
      col('TriggererSendDefinitionObjectID'),
      col('TriggeredSendCustomerKey'),
    ],
  },
];

export function findDataView(name: string): DataViewDef | undefined {
  const lower = name.toLowerCase();
  return DATA_VIEWS.find((v) => v.name.toLowerCase() === lower);
}
