export { SpaceAccess, MAX_WAITING_ACCESS_ENTRIES, type SpaceMember, type ContentCheck } from './access';
export { createSpace, addDevice, removeDevice, rotateKey, setRole } from './builders';
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
