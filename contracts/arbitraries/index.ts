/**
 * fast-check generators for the Update Session contract: strings in the spec's formats, values of its
 * component schemas, and near-misses of each (invalid for one stated reason). Everything is derived
 * from the spec or proven against it in tests/contracts.
 */
export type { NearMiss, NearMissKind, NearMissStratum } from './NearMiss.ts';
export { pointerSegment } from './NearMiss.ts';

export { uuidString, NIL_UUID, MAX_UUID, type UuidStringConstraints } from './uuidString.ts';
export { uuidNearMiss } from './uuidNearMiss.ts';
export { decimalString, type DecimalStringConstraints } from './decimalString.ts';
export { decimalNearMiss } from './decimalNearMiss.ts';
export { dateTimeString, type DateTimeStringConstraints } from './dateTimeString.ts';
export { dateTimeNearMiss } from './dateTimeNearMiss.ts';

export { schemaValue, type SchemaValueConstraints } from './schemaValue.ts';
export { schemaNearMiss, schemaNearMissStrata } from './schemaNearMiss.ts';
export { UnsupportedSchemaError } from './_internals/schemaNode.ts';

export {
  componentSchema,
  componentValue,
  componentNearMiss,
  componentNearMissStrata,
  componentArbitraries,
  type ComponentConstraints,
  sessionView,
  taskItemView,
  sessionStatus,
  taskStatus,
  updateSessionRequest,
  sessionUpdateAction,
  sessionNotFoundError,
  validationError,
  sessionViewNearMiss,
  taskItemViewNearMiss,
  sessionStatusNearMiss,
  taskStatusNearMiss,
  updateSessionRequestNearMiss,
  sessionUpdateActionNearMiss,
  sessionNotFoundErrorNearMiss,
  validationErrorNearMiss,
} from './components.ts';
