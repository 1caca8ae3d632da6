export {
  SpaceAccess,
  MAX_WAITING_PER_AUTHOR,
  MAX_WAITING_STRANGERS,
  type SpaceMember,
  type ContentCheck,
} from './access';
export { createSpace, addDevice, removeDevice, rotateKey, setRole, MAX_WITHDRAWN_LINKS } from './builders';
export {
  ROLES,
  ACCESS_RECORD_VERSION,
  isWriter,
  decodeAccessRecord,
  encodeAccessRecord,
  type Role,
  type AccessRecord,
  type CardRecord,
} from './records';
export { spaceIdFor, cardOf, cardRecordOf } from './keys';
