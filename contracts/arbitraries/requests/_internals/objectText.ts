/**
 * Writes a JSON object's text by hand from an ordered list of members, so generators control what
 * JSON.stringify would not let them: member order (the action need not come first), spacing, escapes,
 * and keys such as `__proto__` that an object literal would swallow.
 */
import fc from 'fast-check';

/** A member as JSON text: the key (quotes included) and the value. */
export type Member = readonly [keyText: string, valueText: string];

export interface Layout {
  /** Between members, and inside the braces. */
  readonly separator: string;
  readonly padding: string;
  /** Between a key and its value. */
  readonly colon: string;
}

export const layout: fc.Arbitrary<Layout> = fc.record({
  separator: fc.constantFrom(',', ', ', ',\n  ', ' ,\t'),
  padding: fc.constantFrom('', ' ', '\n', '\r\n'),
  colon: fc.constantFrom(':', ': ', ' : '),
});

export const COMPACT: Layout = { separator: ',', padding: '', colon: ':' };

export function objectText(members: readonly Member[], { separator, padding, colon }: Layout = COMPACT): string {
  if (members.length === 0) return '{}';
  return `{${padding}${members.map(([key, value]) => key + colon + value).join(separator)}${padding}}`;
}

/** Puts `member` at `position` (modulo the possible positions, so any integer is a valid choice). */
export function insertMember(members: readonly Member[], position: number, member: Member): Member[] {
  const at = position % (members.length + 1);
  return [...members.slice(0, at), member, ...members.slice(at)];
}

/** JSON values of every type and a range of sizes, as text: what a client might add beside `action`. */
export const extraValueText: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 8 }).map((kib) => JSON.stringify('x'.repeat(kib * 1024))) },
);

/**
 * Property names other than `action`: short, common names that a provider might special-case (or trip
 * over) drawn as often as random text, prototype and look-alike names weighted in.
 */
export const extraKey: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        'x',
        'a',
        'id',
        'data',
        'type',
        'name',
        'foo',
        'value',
        'reason',
        'force',
        'sessionId',
        '',
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('__proto__', 'constructor', 'Action', 'ACTION', 'actions', 'session_id', 'status'),
    },
  )
  .map((key) => (key === 'action' ? 'action_' : key));

export const extraMembers = (maxLength: number): fc.Arbitrary<Member[]> =>
  fc.array(
    fc.tuple(
      extraKey.map((key) => JSON.stringify(key)),
      extraValueText,
    ),
    { maxLength },
  );
