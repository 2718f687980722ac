import fc from 'fast-check';
import { GATE_OVERSIZED_BODY_BYTES } from '../../config.ts';
import { extraMembers, insertMember, layout, objectText } from './_internals/objectText.ts';

export interface InvalidUpdateBodyConstraints {
  /**
   * Weigh in oversized bodies (GATE_OVERSIZED_BODY_BYTES and more) that are invalid anyway.
   * @defaultValue true
   */
  readonly oversized?: boolean;
}

/** Strings that are not `stop`, however close: case, whitespace, look-alike letters, invisible characters, other verbs. */
const wrongActionValue = fc.constantFrom(
  'STOP', 'Stop', 'sTOP',
  ' stop', 'stop ', 'stop\n', '\tstop', 'st op',
  'ѕtop', // Cyrillic dze U+0455
  'stοp', // Greek omicron U+03BF
  'ｓｔｏｐ', // full-width
  'st\u200bop', // zero-width space
  'stop\u0000',
  's\u0074op\u0301', // a combining accent
  'start', 'pause', 'resume', 'stopped', 'stopp', 'sto', '',
);

/** `action` of a JSON type other than string, including look-alikes of a string such as `["stop"]`. */
const wrongActionType = fc.oneof(
  fc.constantFrom('null', 'true', 'false', '0', '1', '["stop"]', '{"value":"stop"}', '[]', '{}'),
  fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.array(fc.string(), { maxLength: 3 }))
    .map((value) => JSON.stringify(value)),
);

const withAction = (value: fc.Arbitrary<string>) =>
  fc.tuple(extraMembers(2), fc.nat(), value, layout)
    .map(([extras, position, text, spacing]) => objectText(insertMember(extras, position, ['"action"', text]), spacing));

const CANONICAL = '{"action":"stop"}';

/** Texts that are not JSON at all. */
const malformedJson = fc.oneof(
  fc.integer({ min: 0, max: CANONICAL.length - 1 }).map((length) => CANONICAL.slice(0, length)),
  fc.constantFrom(
    "{'action':'stop'}", '{action:"stop"}', '{"action":"stop",}', '{"action":"stop"}}', '{"action" "stop"}',
    '{"action":stop}', 'action=stop', '{"action":"stop"} {}', '{"action":"st\\op"}', '{"action":"stop"\u0000}',
  ),
);

/** JSON texts of something other than an object. */
const nonObjectJson = fc.constantFrom('"stop"', '["stop"]', '[{"action":"stop"}]', '1', 'null', 'true', '"{\\"action\\":\\"stop\\"}"', '[]');

/**
 * Raw texts (undefined: no body) that no Update Session request may carry: no `action`, an `action` of
 * the wrong type or value, JSON that is not an object, text that is not JSON, an empty body. Invalid by
 * construction, and still judged by the spec validator before use.
 */
export function invalidUpdateBody(constraints: InvalidUpdateBodyConstraints = {}): fc.Arbitrary<string | undefined> {
  const { oversized = true } = constraints;
  const ordinary = fc.oneof(
    extraMembers(3).map((extras) => objectText(extras)),
    withAction(wrongActionValue.map((value) => JSON.stringify(value))),
    withAction(wrongActionType),
    nonObjectJson,
    malformedJson,
    fc.constantFrom(undefined, ''),
  );
  if (!oversized) return ordinary;
  const large = fc.integer({ min: 1, max: 2 }).map((mib) => `{"padding":"${'x'.repeat(mib * GATE_OVERSIZED_BODY_BYTES)}"}`);
  return fc.oneof({ weight: 30, arbitrary: ordinary }, { weight: 1, arbitrary: large });
}
