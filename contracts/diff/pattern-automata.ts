/**
 * Decides how two `pattern`s relate — equal, narrower, wider, or neither — with finite automata (refa),
 * wherever each pattern is a regular language under ECMA-262 with the `u` flag (how JSON Schema reads a
 * pattern, and how Ajv behind the spec validator compiles it: code points, `\d` ASCII only, `.` no line
 * terminator, `$` the very end).
 *
 * A JSON Schema `pattern` is a search, not a full match: `abc` accepts every string that contains `abc`.
 * The language compared is therefore the set of whole strings the search accepts. refa refuses assertions
 * inside an automaton, so the ones that can be eliminated are, per top-level alternative:
 * - a leading `^` and a trailing `$` are taken off; a side without one becomes "any string" (Σ*) there;
 * - lookaheads at the start (after `^`, if any): `(?=X)` keeps the strings that begin with a match of X
 *   (X·Σ*, or X alone when X ends in `$`; a `^` opening X changes nothing there), `(?!X)` keeps the
 *   others: an intersection with a complement. The spec's decimal pattern `^(?!^[-+.]*$)…$` is one.
 * Anything else — a backreference, a lookbehind, `\b`, an assertion elsewhere, an automaton beyond
 * DIFF_PATTERN_MAX_STATES — is not decided here: `undecided` says why, and the caller searches instead.
 */
import {
  CharSet,
  DFA,
  JS,
  NFA,
  type Assertion,
  type Char,
  type Concatenation,
  type Element,
  type NoParent,
  type ReadonlyWordSet,
} from 'refa';
import { DIFF_PATTERN_MAX_STATES } from '../config.ts';
import type { Direction } from './finding.ts';

/** How OLD relates to NEW, proven: `equivalent` means the two accept exactly the same strings. */
export interface AutomataVerdict {
  readonly outcome: Direction | 'equivalent';
  /** A shortest string OLD accepts and NEW rejects, taken from the difference automaton. */
  readonly oldOnly?: string;
  /** A shortest string NEW accepts and OLD rejects, taken from the difference automaton. */
  readonly newOnly?: string;
}

/** Why the automata could not decide: the caller falls back to the search. */
export interface Undecided {
  readonly undecided: string;
}

type Node = NoParent<Element>;
type Alternative = NoParent<Concatenation>;

/** Thrown inside this module for a construct it cannot turn into an automaton; caught at the top. */
class NotRegular extends Error {}

const MAX_CHARACTER = 0x10ffff as Char; // the `u` flag: the alphabet is every code point

function options() {
  return { maxCharacter: MAX_CHARACTER };
}
function nfaFactory() {
  return new NFA.LimitedNodeFactory(DIFF_PATTERN_MAX_STATES);
}
function dfaFactory() {
  return new DFA.LimitedNodeFactory(DIFF_PATTERN_MAX_STATES);
}

/** `^` without the m flag, as refa parses it: not preceded by any character. */
function isStart(element: Node): boolean {
  return isEdge(element, 'behind');
}

/** `$` without the m flag: not followed by any character. */
function isEnd(element: Node): boolean {
  return isEdge(element, 'ahead');
}

function isEdge(element: Node, kind: Assertion['kind']): boolean {
  if (element.type !== 'Assertion' || element.kind !== kind || !element.negate) return false;
  if (element.alternatives.length !== 1) return false;
  const elements = element.alternatives[0]!.elements;
  const char = elements[0];
  return elements.length === 1 && char?.type === 'CharacterClass' && char.characters.isAll;
}

/** Refuses an alternative that still holds an assertion or an unknown (a backreference) anywhere. */
function assertionFree(alternative: Alternative): Alternative {
  const visit = (element: Node): void => {
    if (element.type === 'Assertion') throw new NotRegular(`an assertion the automata cannot take off`);
    if (element.type === 'Unknown') throw new NotRegular(`a construct that is not regular (${element.id})`);
    if (element.type === 'Alternation' || element.type === 'Quantifier')
      element.alternatives.forEach((inner) => inner.elements.forEach(visit));
  };
  alternative.elements.forEach(visit);
  return alternative;
}

function anyString(): NFA {
  return NFA.fromFA(DFA.all(options()));
}

/** The whole strings an anchor-free alternative matches, followed by anything unless `$` ends it. */
function prefixLanguage(elements: readonly Node[], endAnchored: boolean): NFA {
  const nfa = NFA.fromRegex(
    assertionFree({ type: 'Concatenation', elements: [...elements] }),
    options(),
    {},
    nfaFactory(),
  );
  if (!endAnchored) nfa.append(anyString(), nfaFactory());
  return nfa;
}

/** The strings a lookahead at position 0 lets through, as a DFA. */
function lookaheadLanguage(assertion: Extract<Node, { type: 'Assertion' }>): DFA {
  const nfa = NFA.empty(options());
  for (const alternative of assertion.alternatives) {
    let elements = [...alternative.elements];
    // At position 0 a `^` always holds: it only says the lookahead looks from the start.
    if (elements[0] && isStart(elements[0])) elements = elements.slice(1);
    const ends = elements.length > 0 && isEnd(elements[elements.length - 1]!);
    if (ends) elements = elements.slice(0, -1);
    nfa.union(prefixLanguage(elements, ends), nfaFactory());
  }
  const dfa = DFA.fromFA(nfa, dfaFactory());
  if (assertion.negate) dfa.complement(dfaFactory());
  return dfa;
}

/** The whole strings one top-level alternative's search accepts. */
function alternativeLanguage(alternative: Alternative): DFA {
  let elements = [...alternative.elements];
  const startAnchored = elements.length > 0 && isStart(elements[0]!);
  if (startAnchored) elements = elements.slice(1);
  const lookaheads: Array<Extract<Node, { type: 'Assertion' }>> = [];
  while (elements[0]?.type === 'Assertion' && elements[0].kind === 'ahead' && !isEnd(elements[0])) {
    lookaheads.push(elements[0]);
    elements = elements.slice(1);
  }
  if (
    !startAnchored &&
    lookaheads.some((lookahead) => lookahead.alternatives.some((a) => a.elements[0] && isStart(a.elements[0])))
  )
    throw new NotRegular('a `^` inside a lookahead of an unanchored pattern');
  const endAnchored = elements.length > 0 && isEnd(elements[elements.length - 1]!);
  if (endAnchored) elements = elements.slice(0, -1);
  let language = DFA.fromFA(prefixLanguage(elements, endAnchored), dfaFactory());
  for (const lookahead of lookaheads)
    language = DFA.fromIntersection(language, lookaheadLanguage(lookahead), dfaFactory());
  if (startAnchored) return language;
  // An unanchored search may start anywhere: whatever comes before the match.
  const searched = NFA.fromFA(language, nfaFactory());
  searched.prepend(anyString(), nfaFactory());
  return DFA.fromFA(searched, dfaFactory());
}

/** The language of a pattern's search as a minimal DFA, or why it has none here. */
export function patternLanguage(pattern: string): DFA | Undecided {
  let parsed: ReturnType<JS.Parser['parse']>;
  try {
    parsed = JS.Parser.fromLiteral({ source: pattern, flags: 'u' }).parse({
      assertions: 'parse',
      backreferences: 'throw',
      maxBackreferenceWords: 0,
      simplify: false,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { undecided: /backreference/i.test(message) ? 'a backreference is not a regular language' : message };
  }
  try {
    const union = NFA.empty(options());
    for (const alternative of parsed.expression.alternatives)
      union.union(NFA.fromFA(alternativeLanguage(alternative), nfaFactory()), nfaFactory());
    const dfa = DFA.fromFA(union, dfaFactory());
    dfa.minimize();
    return dfa;
  } catch (error) {
    if (error instanceof NotRegular) return { undecided: error.message };
    if (error instanceof Error && error.name === 'TooManyNodesError')
      return { undecided: `its automaton needs more than ${DIFF_PATTERN_MAX_STATES} states` };
    if (error instanceof Error && /assertion/i.test(error.message))
      return { undecided: 'an assertion the automata cannot take off' };
    throw error;
  }
}

/** A character to show for a set: a letter or digit if it has one, then printable ASCII, else its first. */
function representative(set: CharSet): number {
  for (const [from, to] of [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
    [0x20, 0x7e],
  ] as const) {
    for (let char = from; char <= to; char++) if (set.has(char as Char)) return char;
  }
  return set.ranges[0]!.min;
}

/** A shortest string of L(left) \ L(right), or undefined when there is none. */
function difference(left: DFA, right: DFA): string | undefined {
  const complement = right.copy(dfaFactory());
  complement.complement(dfaFactory());
  const only = DFA.fromIntersection(left, complement, dfaFactory());
  // Word sets come by ascending length: the first is a shortest witness.
  for (const wordSet of only.wordSets() as Iterable<ReadonlyWordSet>)
    return String.fromCodePoint(...wordSet.map(representative));
  return undefined;
}

/** OLD against NEW by automata, or why they cannot be compared that way. */
export function decidePatterns(oldPattern: string, newPattern: string): AutomataVerdict | Undecided {
  const oldLanguage = patternLanguage(oldPattern);
  if (!(oldLanguage instanceof DFA)) return { undecided: `OLD: ${oldLanguage.undecided}` };
  const newLanguage = patternLanguage(newPattern);
  if (!(newLanguage instanceof DFA)) return { undecided: `NEW: ${newLanguage.undecided}` };
  let oldOnly: string | undefined;
  let newOnly: string | undefined;
  try {
    // Two minimal DFAs of one language are the same graph: the quick answer for an equivalent rewrite.
    if (oldLanguage.structurallyEqual(newLanguage)) return { outcome: 'equivalent' };
    oldOnly = difference(oldLanguage, newLanguage);
    newOnly = difference(newLanguage, oldLanguage);
  } catch (error) {
    if (error instanceof Error && error.name === 'TooManyNodesError')
      return { undecided: `comparing them needs more than ${DIFF_PATTERN_MAX_STATES} states` };
    throw error;
  }
  const witnesses = { ...(oldOnly === undefined ? {} : { oldOnly }), ...(newOnly === undefined ? {} : { newOnly }) };
  if (oldOnly !== undefined && newOnly !== undefined) return { outcome: 'changed', ...witnesses };
  if (newOnly !== undefined) return { outcome: 'loosened', ...witnesses };
  if (oldOnly !== undefined) return { outcome: 'tightened', ...witnesses };
  return { outcome: 'equivalent' };
}
