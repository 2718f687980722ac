import fc from 'fast-check';
import { GATE_OVERSIZED_BODY_BYTES } from '../../config.ts';
import { extraMembers, insertMember, layout, objectText } from './_internals/objectText.ts';

export interface UpdateBodyConstraints {
  /**
   * Most properties beside `action` (any name, any JSON type, up to 8 KiB each): the spec's request
   * schema does not forbid them, so a provider must take them.
   * @defaultValue 4
   */
  readonly maxExtraProperties?: number;
  /**
   * Weigh in bodies of GATE_OVERSIZED_BODY_BYTES and more: valid JSON, valid by the spec, that a server
   * may still refuse on size alone.
   * @defaultValue true
   */
  readonly oversized?: boolean;
}

/** `"stop"` spelled with a JSON escape, and the key too: other bytes, the same JSON, still valid. */
const actionSpellings = fc.constantFrom(
  ['"action"', '"stop"'],
  ['"action"', '"\\u0073top"'],
  ['"\\u0061ction"', '"st\\u006fp"'],
  ['"action"', '"\\u0073\\u0074\\u006F\\u0070"'],
) as fc.Arbitrary<readonly [string, string]>;

/**
 * Raw texts of a valid Update Session body: `{"action": "stop"}` anywhere among extra properties, with
 * any spacing and escaping. Valid by construction, and still judged by the spec validator before use.
 */
export function updateBody(constraints: UpdateBodyConstraints = {}): fc.Arbitrary<string> {
  const { maxExtraProperties = 4, oversized = true } = constraints;
  const ordinary = fc
    .tuple(extraMembers(maxExtraProperties), fc.nat(), actionSpellings, layout)
    .map(([extras, position, action, spacing]) => objectText(insertMember(extras, position, action), spacing));
  if (!oversized) return ordinary;
  const large = fc
    .integer({ min: 1, max: 2 })
    .map((mib) => `{"action":"stop","padding":"${'x'.repeat(mib * GATE_OVERSIZED_BODY_BYTES)}"}`);
  return fc.oneof({ weight: 30, arbitrary: ordinary }, { weight: 1, arbitrary: large });
}
