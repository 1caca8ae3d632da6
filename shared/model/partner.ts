import { z } from 'zod';
import { PARTNER_KINDS } from './codes';
import { defineRecord, email, phone, recordId, shortText } from './fields';
import type { InputOf, PatchOf, RecordOf } from './fields';

/** An allied organisation. */
export const partnerRecord = defineRecord(
  'partner',
  {
    name: shortText(200).min(1),
    kind: z.enum(PARTNER_KINDS),
    contactName: shortText(200).optional(),
    contactEmail: email.optional(),
    contactPhone: phone.optional(),
    website: shortText(300).optional(),
    regionId: recordId.optional(),
    description: shortText(2000).optional(),
    /** Our members who keep the relationship with them. */
    liaisonIds: z.array(recordId).max(50),
  },
  { kind: 'other' as const, liaisonIds: [] },
);
export type Partner = RecordOf<typeof partnerRecord>;
export type PartnerInput = InputOf<typeof partnerRecord>;
export type PartnerPatch = PatchOf<typeof partnerRecord>;
