export { SpaceAccess, cardOf, MAX_WAITING_ACCESS_ENTRIES, type SpaceMember, type ContentCheck } from './access';
export { createSpace, addDevice, removeDevice, rotateKey, setRole } from './builders';
export { ROLES, isWriter, decodeAccessRecord, encodeAccessRecord, type Role, type AccessRecord } from './records';
export { spaceIdFor } from './keys';
