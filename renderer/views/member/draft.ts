/** The profile form's draft: stored member ↔ form values. */
import type { Member, MemberPatch } from '../../../shared/model/member';
import { listToText, optional, textToList } from './fields';

type Text = string;
export interface Draft {
  firstName: Text;
  lastName: Text;
  preferredName: Text;
  pronouns: Text;
  emails: Text;
  phones: Text;
  doNotCall: boolean;
  textOptOut: boolean;
  mailingPreference: Text;
  addressLines: Text;
  city: Text;
  state: Text;
  zip: Text;
  /** '' = the region follows the ZIP code; a region id = chosen by hand. */
  regionId: Text;
  /** Used only when the region is chosen by hand (otherwise it comes with the region). */
  branch: Text;
  actionkitId: Text;
  membershipStatus: Text;
  membershipType: Text;
  duesStatus: Text;
  joinDate: Text;
  xdate: Text;
  unionMember: boolean;
  unionName: Text;
  unionLocal: Text;
  student: boolean;
  ladderStage: Text;
  assessment: Text;
  assignedOrganizer: Text;
  languages: string[];
  needs: string[];
  resources: string[];
  groupIds: string[];
  tags: Text;
}

export function toDraft(m: Member): Draft {
  return {
    firstName: m.firstName,
    lastName: m.lastName ?? '',
    preferredName: m.preferredName ?? '',
    pronouns: m.pronouns ?? '',
    emails: listToText(m.emails),
    phones: listToText(m.phones),
    doNotCall: m.doNotCall,
    textOptOut: m.textOptOut,
    mailingPreference: m.mailingPreference ?? '',
    addressLines: (m.address?.lines ?? []).join('\n'),
    city: m.address?.city ?? '',
    state: m.address?.state ?? '',
    zip: m.zip ?? '',
    regionId: m.regionByHand ? (m.regionId ?? '') : '',
    branch: m.branch ?? '',
    actionkitId: m.actionkitId ?? '',
    membershipStatus: m.membershipStatus ?? '',
    membershipType: m.membershipType ?? '',
    duesStatus: m.duesStatus ?? '',
    joinDate: m.joinDate ?? '',
    xdate: m.xdate ?? '',
    unionMember: m.unionMember ?? false,
    unionName: m.unionName ?? '',
    unionLocal: m.unionLocal ?? '',
    student: m.student ?? false,
    ladderStage: m.ladderStage ?? '',
    assessment: m.assessment ? String(m.assessment) : '',
    assignedOrganizer: m.assignedOrganizer ?? '',
    languages: [...m.languages],
    needs: [...m.needs],
    resources: [...m.resources],
    groupIds: [...m.groupIds],
    tags: listToText(m.tags),
  };
}

export function toPatch(d: Draft): MemberPatch {
  const lines = d.addressLines
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const hasAddress = lines.length > 0 || d.city.trim() || d.state.trim();
  return {
    firstName: d.firstName.trim(),
    lastName: optional(d.lastName),
    preferredName: optional(d.preferredName),
    pronouns: optional(d.pronouns),
    emails: textToList(d.emails),
    phones: textToList(d.phones),
    doNotCall: d.doNotCall,
    textOptOut: d.textOptOut,
    mailingPreference: optional(d.mailingPreference) as MemberPatch['mailingPreference'],
    address: hasAddress ? { lines, city: optional(d.city), state: optional(d.state) } : undefined,
    zip: optional(d.zip),
    actionkitId: optional(d.actionkitId),
    membershipStatus: optional(d.membershipStatus) as MemberPatch['membershipStatus'],
    membershipType: optional(d.membershipType) as MemberPatch['membershipType'],
    duesStatus: optional(d.duesStatus) as MemberPatch['duesStatus'],
    joinDate: optional(d.joinDate),
    xdate: optional(d.xdate),
    unionMember: d.unionMember,
    unionName: optional(d.unionName),
    unionLocal: optional(d.unionLocal),
    student: d.student,
    ladderStage: optional(d.ladderStage) as MemberPatch['ladderStage'],
    assessment: d.assessment ? Number(d.assessment) : undefined,
    assignedOrganizer: optional(d.assignedOrganizer),
    languages: d.languages,
    needs: d.needs,
    resources: d.resources,
    groupIds: d.groupIds,
    tags: textToList(d.tags),
  };
}

/**
 * Where the member belongs, as a patch: back to "follows the ZIP code" (the accessors place them),
 * or a region and branch chosen by hand; nothing when neither changed.
 */
export function placePatch(m: Member, d: Draft): MemberPatch {
  if (!d.regionId) return m.regionByHand ? { regionByHand: false } : {};
  const regionId = d.regionId;
  const branch = optional(d.branch);
  if (m.regionByHand && m.regionId === regionId && m.branch === branch) return {};
  return { regionId, branch, regionByHand: true };
}
