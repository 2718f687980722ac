import fc from 'fast-check';
import { GATE_OVERSIZED_BODY_BYTES } from '../../config.ts';
import { STOP_BODY } from '../../model/case.ts';
import { classed, classNames, type Classed, type InputClass } from './_internals/classes.ts';
import { fixedValueNearMissClasses, type FixedValueNearMiss } from './fixedValueNearMiss.ts';
import { extraMembers, insertMember, layout, objectText } from './_internals/objectText.ts';

export interface InvalidUpdateBodyConstraints {
  /**
   * Weigh in oversized bodies (GATE_OVERSIZED_BODY_BYTES and more) that are invalid anyway.
   * @defaultValue true
   */
  readonly oversized?: boolean;
}

/**
 * `stop` in another letter case. All upper case is drawn most, as the likeliest slip (an enum compared
 * after `.upper()`); every other casing of the four letters is drawn too.
 */
const wrongCase = fc.oneof(
  { weight: 4, arbitrary: fc.constant('STOP') },
  { weight: 2, arbitrary: fc.constantFrom('Stop', 'sTOP') },
  {
    weight: 2,
    arbitrary: fc
      .integer({ min: 1, max: 14 })
      .map((mask) => [...'stop'].map((char, index) => ((mask >> index) & 1 ? char.toUpperCase() : char)).join('')),
  },
);

/** `stop` with whitespace around or inside it: what a provider that trims its input takes. */
const padded = fc.constantFrom(
  ' stop',
  'stop ',
  ' stop ',
  'stop\n',
  '\tstop',
  '\r\nstop',
  'stop\u00a0',
  '\u2003stop',
  'st op',
);

/** Other words: near verbs, the past tense, truncations, the empty string. */
const otherWord = fc.constantFrom('start', 'pause', 'resume', 'cancel', 'stopped', 'stopp', 'sto', 'halt', '');

const withAction = (valueText: fc.Arbitrary<string>) =>
  fc
    .tuple(extraMembers(2), fc.nat(), valueText, layout)
    .map(([extras, position, text, spacing]) =>
      objectText(insertMember(extras, position, ['"action"', text]), spacing),
    );

/** A near miss of a value the spec fixes, in the body under its own field, among extra members. */
const nearMissBody = (nearMiss: fc.Arbitrary<FixedValueNearMiss>) =>
  fc
    .tuple(extraMembers(2), fc.nat(), nearMiss, layout)
    .map(([extras, position, { field, text }, spacing]) =>
      objectText(insertMember(extras, position, [JSON.stringify(field), text]), spacing),
    );

/** `"stop"` under a key that is not `action`, however close: the property name in another case, padded, a look-alike. */
const misnamedAction = fc
  .tuple(
    extraMembers(2),
    fc.nat(),
    fc.constantFrom('Action', 'ACTION', ' action', 'action ', 'actіon' /* Cyrillic i */, 'actions', 'act'),
  )
  .map(([extras, position, key]) => objectText(insertMember(extras, position, [JSON.stringify(key), '"stop"'])));

/** Texts that are not JSON at all. */
const malformedJson = fc.oneof(
  fc.integer({ min: 1, max: STOP_BODY.length - 1 }).map((length) => STOP_BODY.slice(0, length)),
  fc.constantFrom(
    "{'action':'stop'}",
    '{action:"stop"}',
    '{"action":"stop",}',
    '{"action":"stop"}}',
    '{"action" "stop"}',
    '{"action":stop}',
    'action=stop',
    '{"action":"stop"} {}',
    '{"action":"st\\op"}',
    '{"action":"stop"\u0000}',
  ),
);

/** JSON texts of something other than an object. */
const nonObjectJson = fc.constantFrom(
  '"stop"',
  '["stop"]',
  '[{"action":"stop"}]',
  '1',
  'null',
  'true',
  '"{\\"action\\":\\"stop\\"}"',
  '[]',
);

function bodyClasses(oversized: boolean): InputClass<string | undefined>[] {
  return [
    [
      'body: no action',
      fc.oneof(
        extraMembers(3).map((extras) => objectText(extras)),
        misnamedAction,
      ),
      2,
    ],
    ['body: action in the wrong letter case', withAction(wrongCase.map((value) => JSON.stringify(value))), 4],
    ['body: action padded with whitespace', withAction(padded.map((value) => JSON.stringify(value))), 3],
    ['body: action another word', withAction(otherWord.map((value) => JSON.stringify(value))), 2],
    ...fixedValueNearMissClasses(3).map(([name, nearMiss, weight = 1]): InputClass<string> => [
      name,
      nearMissBody(nearMiss),
      weight,
    ]),
    ['body: JSON that is not an object', nonObjectJson, 2],
    ['body: not JSON', malformedJson, 2],
    ['body: empty or absent', fc.constantFrom<string | undefined>('', undefined), 2],
    ...(oversized
      ? [
          [
            'body: oversized',
            fc.integer({ min: 1, max: 2 }).map((mib) => `{"padding":"${'x'.repeat(mib * GATE_OVERSIZED_BODY_BYTES)}"}`),
            2,
          ] as const,
        ]
      : []),
  ];
}

/** The class names invalidUpdateBody draws from, for tests that count them. */
export const INVALID_BODY_CLASSES: readonly string[] = classNames(bodyClasses(true));

/**
 * Raw texts (undefined: no body) that no Update Session request may carry, drawn class first: no
 * `action`, an `action` in the wrong case, padded, another word, or a near miss a careful attacker tries
 * (fixedValueNearMiss.ts: compatibility forms, look-alikes, inserted characters, other JSON types),
 * JSON that is not an object, text that is not JSON, an empty body, an oversized one. Invalid by
 * construction, and still judged by the spec validator before use.
 */
export function invalidUpdateBody(
  constraints: InvalidUpdateBodyConstraints = {},
): fc.Arbitrary<Classed<string | undefined>> {
  return classed(bodyClasses(constraints.oversized ?? true));
}
