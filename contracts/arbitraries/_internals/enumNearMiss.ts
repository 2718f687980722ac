import fc from 'fast-check';
import { group, leaf, miss, type Option } from './nearMissTree.ts';

/** Words a server or client plausibly sends for a status or an action that the spec does not have. */
const PLAUSIBLE_WORDS = [
  'paused',
  'pause',
  'running',
  'pending',
  'failed',
  'error',
  'cancelled',
  'canceled',
  'stopping',
  'completed',
  'idle',
  'start',
  'resume',
  'delete',
  'unknown',
  'null',
  '',
] as const;

const isLetter = (char: string): boolean => char.toLowerCase() !== char.toUpperCase();
const flip = (char: string): string => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase());

/**
 * Strings that are not members of an enum of strings: members in another letter case, and other words.
 * Members that differ from another member only by case get no case variants (one could be the other).
 */
export function enumNearMiss(members: readonly string[]): Option | undefined {
  const memberSet = new Set(members);
  const folded = members.map((member) => member.toLowerCase());
  const caseable = members.filter(
    (member, i) => [...member].some(isLetter) && folded.indexOf(folded[i]!) === folded.lastIndexOf(folded[i]!),
  );
  const options: Option[] = [];
  if (caseable.length > 0) {
    // Flip the case of the letters a mask picks, and always of one letter, so the result is never the member itself.
    const wrongCase = fc
      .tuple(fc.constantFrom(...caseable), fc.array(fc.boolean(), { maxLength: 16 }), fc.nat())
      .map(([member, mask, forced]) => {
        const letters = [...member].flatMap((char, i) => (isLetter(char) ? [i] : []));
        const always = letters[forced % letters.length];
        const value = [...member]
          .map((char, i) => (isLetter(char) && (mask[i] === true || i === always) ? flip(char) : char))
          .join('');
        return miss('enum-case', `the enum member "${member}" in another letter case`, value);
      });
    options.push(leaf(2, 'enum-case', 'a member in another letter case', wrongCase));
  }
  const why = `a string that is not one of ${members.map((m) => `"${m}"`).join(', ')}`;
  const notMember = (word: string) => {
    let value = word;
    while (memberSet.has(value)) value += '?';
    return miss('enum-other', why, value);
  };
  options.push(
    leaf(1, 'enum-other', 'a plausible word that is not a member', fc.constantFrom(...PLAUSIBLE_WORDS).map(notMember)),
    leaf(
      1,
      'enum-other',
      'a member padded with whitespace',
      fc
        .tuple(fc.constantFrom(...members), fc.constantFrom(' ', '\n', '\t'), fc.boolean())
        .map(([member, space, before]) => notMember(before ? space + member : member + space)),
    ),
    leaf(1, 'enum-other', 'any other string', fc.string({ maxLength: 10 }).map(notMember)),
  );
  return group(4, options);
}
