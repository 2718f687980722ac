/**
 * Generators for the spec's component schemas, by name and typed by the zod mirrors.
 *
 * Each is one line over the schema-driven engine (`schemaValue` / `schemaNearMiss`) applied to
 * `components.schemas.<Name>` of the spec, so the values follow the spec itself and not a third copy of
 * it written by hand. They live in one file, not one per generator: sixteen files of one line each would
 * hide that they are all the same thing. tests/contracts prove every value valid and every near-miss
 * invalid against both the spec validator and the zod schemas.
 */
import type fc from 'fast-check';
import type {
  ComponentName,
  SessionNotFoundError,
  SessionStatus,
  SessionUpdateAction,
  SessionView,
  TaskItemView,
  TaskStatus,
  UpdateSessionRequest,
  ValidationError,
} from '../schemas.ts';
import { isObject, vendoredSpec, type JsonObject, type LoadedSpec } from '../spec.ts';
import type { NearMiss, NearMissStratum } from './NearMiss.ts';
import { schemaNearMiss, schemaNearMissStrata } from './schemaNearMiss.ts';
import { schemaValue, type SchemaValueConstraints } from './schemaValue.ts';

export interface ComponentConstraints extends SchemaValueConstraints {
  /**
   * The spec whose `components.schemas` the generator reads — another version, for a spec diff.
   * @defaultValue the vendored spec
   */
  readonly spec?: LoadedSpec;
}

/** `components.schemas.<name>` of a spec, `$ref`s resolved. */
export function componentSchema(name: string, spec: LoadedSpec = vendoredSpec()): JsonObject {
  const schemas = (spec.resolved['components'] as JsonObject | undefined)?.['schemas'];
  const schema = isObject(schemas) ? schemas[name] : undefined;
  if (!isObject(schema)) throw new Error(`${spec.source}: has no components.schemas.${name}`);
  return schema;
}

/** Values valid against the named component schema. */
export function componentValue(name: string, constraints: ComponentConstraints = {}): fc.Arbitrary<unknown> {
  const { spec, ...rest } = constraints;
  return schemaValue(componentSchema(name, spec), rest);
}

/** Near-misses of the named component schema. */
export function componentNearMiss(name: string, constraints: ComponentConstraints = {}): fc.Arbitrary<NearMiss> {
  const { spec, ...rest } = constraints;
  return schemaNearMiss(componentSchema(name, spec), rest);
}

/** The near-misses of the named component schema, one stratum per (place × way of breaking). */
export function componentNearMissStrata(
  name: string,
  constraints: ComponentConstraints = {},
): readonly NearMissStratum[] {
  const { spec, ...rest } = constraints;
  return schemaNearMissStrata(componentSchema(name, spec), rest);
}

// The casts are the claim that the spec and the zod types agree; tests/contracts/schemas-vs-spec.test.ts checks it.
type Values<T> = (constraints?: SchemaValueConstraints) => fc.Arbitrary<T>;
type NearMisses = (constraints?: SchemaValueConstraints) => fc.Arbitrary<NearMiss>;
const values =
  <T>(name: ComponentName): Values<T> =>
  (constraints = {}) =>
    componentValue(name, constraints) as fc.Arbitrary<T>;
const nearMisses =
  (name: ComponentName): NearMisses =>
  (constraints = {}) =>
    componentNearMiss(name, constraints);

export const sessionView = values<SessionView>('SessionView');
export const taskItemView = values<TaskItemView>('TaskItemView');
export const sessionStatus = values<SessionStatus>('SessionStatus');
export const taskStatus = values<TaskStatus>('TaskStatus');
export const updateSessionRequest = values<UpdateSessionRequest>('UpdateSessionRequest');
export const sessionUpdateAction = values<SessionUpdateAction>('SessionUpdateAction');
export const sessionNotFoundError = values<SessionNotFoundError>('SessionNotFoundError');
export const validationError = values<ValidationError>('ValidationError');

export const sessionViewNearMiss = nearMisses('SessionView');
export const taskItemViewNearMiss = nearMisses('TaskItemView');
export const sessionStatusNearMiss = nearMisses('SessionStatus');
export const taskStatusNearMiss = nearMisses('TaskStatus');
export const updateSessionRequestNearMiss = nearMisses('UpdateSessionRequest');
export const sessionUpdateActionNearMiss = nearMisses('SessionUpdateAction');
export const sessionNotFoundErrorNearMiss = nearMisses('SessionNotFoundError');
export const validationErrorNearMiss = nearMisses('ValidationError');

/** Both generators of every component, by component name: for code that walks all of them. */
export const componentArbitraries = {
  SessionView: { value: sessionView, nearMiss: sessionViewNearMiss },
  TaskItemView: { value: taskItemView, nearMiss: taskItemViewNearMiss },
  SessionStatus: { value: sessionStatus, nearMiss: sessionStatusNearMiss },
  TaskStatus: { value: taskStatus, nearMiss: taskStatusNearMiss },
  UpdateSessionRequest: { value: updateSessionRequest, nearMiss: updateSessionRequestNearMiss },
  SessionUpdateAction: { value: sessionUpdateAction, nearMiss: sessionUpdateActionNearMiss },
  SessionNotFoundError: { value: sessionNotFoundError, nearMiss: sessionNotFoundErrorNearMiss },
  ValidationError: { value: validationError, nearMiss: validationErrorNearMiss },
} as const satisfies Record<ComponentName, { value: Values<unknown>; nearMiss: NearMisses }>;
