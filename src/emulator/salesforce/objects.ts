/**
 * The sObjects the emulator knows, with describe metadata shaped like Salesforce's
 * (field types and lengths from the Field Reference; see SALESFORCE-API.md §5).
 */
export type SfFieldType =
  | 'id'
  | 'reference'
  | 'string'
  | 'picklist'
  | 'multipicklist'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime';

export interface SfField {
  name: string;
  type: SfFieldType;
  length?: number;
  precision?: number;
  scale?: number;
  nillable?: boolean;
  referenceTo?: string[];
  picklistValues?: string[];
  label?: string;
}

export interface SfObject {
  name: string;
  keyPrefix: string;
  label?: string;
  fields: SfField[];
}

const s = (name: string, length: number): SfField => ({ name, type: 'string', length });
const pick = (name: string, values: string[] = [], length = 40): SfField => ({
  name,
  type: 'picklist',
  length,
  picklistValues: values,
});
const ref = (name: string, to: string): SfField => ({
  name,
  type: 'reference',
  length: 18,
  referenceTo: [to],
});
const bool = (name: string): SfField => ({ name, type: 'boolean', nillable: false });
const date = (name: string): SfField => ({ name, type: 'date' });
const dt = (name: string): SfField => ({ name, type: 'datetime' });
const cur = (name: string, precision = 18, scale = 2): SfField => ({
  name,
  type: 'currency',
  precision,
  scale,
});
const int = (name: string): SfField => ({ name, type: 'int', precision: 9, scale: 0 });

/** Fields every sObject has. */
export function systemFields(): SfField[] {
  return [
    { name: 'Id', type: 'id', length: 18, nillable: false },
    bool('IsDeleted'),
    { ...dt('CreatedDate'), nillable: false },
    ref('CreatedById', 'User'),
    { ...dt('LastModifiedDate'), nillable: false },
    ref('LastModifiedById', 'User'),
    { ...dt('SystemModstamp'), nillable: false },
  ];
}

const pardotFields = (): SfField[] => [
  { name: 'pi__score__c', type: 'double', precision: 18, scale: 0 },
  s('pi__grade__c', 10),
  dt('pi__first_activity__c'),
  dt('pi__last_activity__c'),
  dt('pi__created_date__c'),
  dt('pi__Pardot_Last_Scored_At__c'),
  bool('pi__pardot_hard_bounced__c'),
  { name: 'pi__url__c', type: 'url', length: 255 },
  s('pi__campaign__c', 255),
];

export const LEAD_STATUSES = [
  'Open - Not Contacted',
  'Working - Contacted',
  'Closed - Converted',
  'Closed - Not Converted',
];
export const OPPORTUNITY_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
];
const INDUSTRIES = ['Technology', 'Finance', 'Healthcare', 'Retail', 'Manufacturing', 'Education'];
const SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];

export function standardObjects(): SfObject[] {
  return [
    {
      name: 'User',
      keyPrefix: '005',
      fields: [
        ...systemFields(),
        s('Username', 80),
        s('FirstName', 40),
        { ...s('LastName', 80), nillable: false },
        s('Name', 121),
        { name: 'Email', type: 'email', length: 128 },
        bool('IsActive'),
        s('Title', 80),
        s('Department', 80),
      ],
    },
    {
      name: 'Account',
      keyPrefix: '001',
      fields: [
        ...systemFields(),
        { ...s('Name', 255), nillable: false },
        pick('Type', ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner']),
        pick('Industry', INDUSTRIES),
        cur('AnnualRevenue', 18, 0),
        int('NumberOfEmployees'),
        s('BillingCity', 40),
        s('BillingState', 80),
        s('BillingCountry', 80),
        { name: 'Website', type: 'url', length: 255 },
        ref('OwnerId', 'User'),
      ],
    },
    {
      name: 'Contact',
      keyPrefix: '003',
      fields: [
        ...systemFields(),
        ref('AccountId', 'Account'),
        s('FirstName', 40),
        { ...s('LastName', 80), nillable: false },
        s('Name', 121),
        { name: 'Email', type: 'email', length: 80 },
        { name: 'Phone', type: 'phone', length: 40 },
        s('Title', 128),
        pick('LeadSource', SOURCES),
        s('MailingCity', 40),
        s('MailingState', 80),
        s('MailingCountry', 80),
        s('MailingPostalCode', 20),
        date('Birthdate'),
        bool('HasOptedOutOfEmail'),
        bool('DoNotCall'),
        date('LastActivityDate'),
        dt('EmailBouncedDate'),
        { name: 'Description', type: 'textarea', length: 32000 },
        ref('OwnerId', 'User'),
        ...pardotFields(),
      ],
    },
    {
      name: 'Lead',
      keyPrefix: '00Q',
      fields: [
        ...systemFields(),
        s('FirstName', 40),
        { ...s('LastName', 80), nillable: false },
        s('Name', 121),
        { ...s('Company', 255), nillable: false },
        { name: 'Email', type: 'email', length: 80 },
        { name: 'Phone', type: 'phone', length: 40 },
        s('Title', 128),
        { ...pick('Status', LEAD_STATUSES), nillable: false },
        pick('LeadSource', SOURCES),
        pick('Rating', ['Hot', 'Warm', 'Cold']),
        pick('Industry', INDUSTRIES),
        ref('OwnerId', 'User'),
        bool('IsConverted'),
        date('ConvertedDate'),
        ref('ConvertedAccountId', 'Account'),
        ref('ConvertedContactId', 'Contact'),
        ref('ConvertedOpportunityId', 'Opportunity'),
        bool('HasOptedOutOfEmail'),
        bool('DoNotCall'),
        date('LastActivityDate'),
        dt('EmailBouncedDate'),
        s('City', 40),
        s('State', 80),
        s('Country', 80),
        s('PostalCode', 20),
        cur('AnnualRevenue', 18, 0),
        int('NumberOfEmployees'),
        { name: 'Description', type: 'textarea', length: 32000 },
        ...pardotFields(),
      ],
    },
    {
      name: 'Campaign',
      keyPrefix: '701',
      fields: [
        ...systemFields(),
        { ...s('Name', 80), nillable: false },
        pick('Type', ['Email', 'Webinar', 'Conference', 'Advertisement']),
        pick('Status', ['Planned', 'In Progress', 'Completed', 'Aborted']),
        date('StartDate'),
        date('EndDate'),
        bool('IsActive'),
        ref('OwnerId', 'User'),
      ],
    },
    {
      name: 'CampaignMember',
      keyPrefix: '00v',
      fields: [
        ...systemFields(),
        { ...ref('CampaignId', 'Campaign'), nillable: false },
        ref('LeadId', 'Lead'),
        ref('ContactId', 'Contact'),
        { ...ref('LeadOrContactId', 'Lead'), referenceTo: ['Lead', 'Contact'] },
        pick('Status', ['Sent', 'Responded'], 40),
        bool('HasResponded'),
        date('FirstRespondedDate'),
      ],
    },
    {
      name: 'Opportunity',
      keyPrefix: '006',
      fields: [
        ...systemFields(),
        { ...s('Name', 120), nillable: false },
        ref('AccountId', 'Account'),
        ref('ContactId', 'Contact'),
        ref('OwnerId', 'User'),
        ref('CampaignId', 'Campaign'),
        { ...pick('StageName', OPPORTUNITY_STAGES, 255), nillable: false },
        pick('Type', ['New Customer', 'Existing Customer - Upgrade', 'Existing Customer - Renewal']),
        pick('LeadSource', SOURCES),
        pick('ForecastCategoryName', ['Pipeline', 'Best Case', 'Commit', 'Closed', 'Omitted']),
        cur('Amount'),
        cur('ExpectedRevenue'),
        { name: 'Probability', type: 'percent', precision: 3, scale: 0 },
        { ...date('CloseDate'), nillable: false },
        bool('IsWon'),
        bool('IsClosed'),
        int('FiscalYear'),
        date('LastActivityDate'),
      ],
    },
    {
      name: 'OpportunityContactRole',
      keyPrefix: '00K',
      fields: [
        ...systemFields(),
        { ...ref('OpportunityId', 'Opportunity'), nillable: false },
        { ...ref('ContactId', 'Contact'), nillable: false },
        pick('Role', ['Decision Maker', 'Economic Buyer', 'Influencer', 'Technical Buyer', 'Other']),
        bool('IsPrimary'),
      ],
    },
  ];
}
