import { z } from 'zod';
import { nameSchema } from './common.ts';

/** A Salesforce record Id: 15 or 18 letters and digits. */
export const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

const memberStatus = z
  .string()
  .min(1, { error: 'expected a campaign member status' })
  .max(40, { error: 'a campaign member status has at most 40 characters' });

export const journeyEntrySchema = z
  .object({
    eventDefinitionKey: z
      .string()
      .min(1)
      .max(200)
      .describe('Entry event key (the API event of the journey) new members are posted to'),
    journey: z.string().optional().describe('Name of the journey the event feeds, shown in plans and output'),
    data: z
      .array(nameSchema)
      .optional()
      .describe('Target fields sent as the event data (default: every target field)'),
    batchSize: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(100)
      .describe('Members per /interaction/v1/events call'),
  })
  .strict()
  .describe('Journey Builder entry: each new member is posted once to /interaction/v1/events');

export const activationSchema = z
  .object({
    salesforceCampaign: z
      .string()
      .min(1)
      .max(80)
      .optional()
      .describe('Salesforce Campaign the members are put into: its Id (701…) or its Name'),
    status: memberStatus.default('Sent').describe('CampaignMember Status of added members'),
    keyField: nameSchema
      .optional()
      .describe(
        "Target field holding each member's Lead or Contact Id (default: the target's primary key); Ids starting 00Q are Leads, 003 Contacts",
      ),
    onExit: z
      .union([z.literal('remove'), z.object({ status: memberStatus }).strict()], {
        error: "expected 'remove' or { status: <member status> }",
      })
      .default('remove')
      .describe(
        'Dynamic segments: what happens to a CampaignMember who left the segment (removed, or its Status set); additive and static segments never remove',
      ),
    createCampaign: z
      .union([
        z.boolean(),
        z
          .object({
            type: z.string().max(40).optional().describe('Campaign Type'),
            status: z.string().max(40).optional().describe('Campaign Status'),
          })
          .strict(),
      ])
      .default(false)
      .describe(
        'Create the Campaign (by Name) when it does not exist; otherwise a missing Campaign is a plan error',
      ),
    bulkThreshold: z
      .number()
      .int()
      .min(1)
      .default(2000)
      .describe(
        'Changes of at least this many records go through Bulk API 2.0; fewer through sObject Collections',
      ),
    journey: journeyEntrySchema.optional(),
  })
  .strict()
  .refine((a) => a.salesforceCampaign || a.journey, {
    error: 'activate needs salesforceCampaign, journey or both',
  })
  .describe('Put the members to work after each refresh: Salesforce CampaignMembers and/or Journey entry');

export type ActivationDef = z.infer<typeof activationSchema>;
export type JourneyEntryDef = z.infer<typeof journeyEntrySchema>;
