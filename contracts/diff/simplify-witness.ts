/**
 * A disagreement's witness as a reader can take it in: the sampled value, made as simple as it can be
 * while it still shows the same disagreement. Generators draw random Unicode and many optional fields to
 * find a disagreement; the message should then show `{"proxyCost": "1."}`, not forty fields of noise.
 *
 * Greedy, like a shrinker: try simpler candidates (fewer keys and items, shorter strings, ASCII for other
 * characters, `0`/`a` for other digits and letters) and keep the first that still disagrees, until none
 * does or the budget is spent. Deterministic: candidates come in a fixed order.
 */
import { isObject } from '../spec.ts';

/** Evaluations per witness: each is one zod parse and one validation, microseconds apiece. */
const BUDGET = 3000;
/** Strings longer than this are only halved, never walked character by character. */
const MAX_WALKED = 64;

function* simplerString(value: string): Generator<string> {
  if (value === '') return;
  yield '';
  if (/[^\x20-\x7e]/.test(value)) {
    yield value.replace(/[^\x20-\x7e]/gu, '');
    yield value.replace(/\p{Nd}/gu, (digit) => (/[0-9]/.test(digit) ? digit : '0')).replace(/[^\x20-\x7e]/gu, 'a');
  }
  if (value.toLowerCase() !== value) yield value.toLowerCase();
  const chars = [...value];
  if (chars.length > 1) {
    const half = Math.ceil(chars.length / 2);
    yield chars.slice(0, half).join('');
    yield chars.slice(half).join('');
  }
  if (chars.length > MAX_WALKED) return;
  for (let index = 0; index < chars.length; index += 1)
    yield [...chars.slice(0, index), ...chars.slice(index + 1)].join('');
  for (let index = 0; index < chars.length; index += 1) {
    const char = chars[index]!;
    const plain = /\p{Nd}/u.test(char) ? '0' : /\p{L}/u.test(char) ? 'a' : /[^\x20-\x7e]/.test(char) ? 'x' : char;
    if (plain !== char) yield [...chars.slice(0, index), plain, ...chars.slice(index + 1)].join('');
  }
}

function* simpler(value: unknown): Generator<unknown> {
  if (typeof value === 'string') {
    yield* simplerString(value);
  } else if (typeof value === 'number') {
    if (value !== 0) yield 0;
    if (!Number.isInteger(value)) yield Math.trunc(value);
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) yield value.filter((_, other) => other !== index);
    for (let index = 0; index < value.length; index += 1) {
      for (const item of simpler(value[index]))
        yield value.map((original, other) => (other === index ? item : original));
    }
  } else if (isObject(value)) {
    for (const key of Object.keys(value))
      yield Object.fromEntries(Object.entries(value).filter(([other]) => other !== key));
    for (const key of Object.keys(value)) {
      for (const inner of simpler(value[key])) yield { ...value, [key]: inner };
    }
  }
}

/** The simplest value found from `value` for which `shows` still holds (`value` itself if none is simpler). */
export function simplifyWitness(value: unknown, shows: (candidate: unknown) => boolean): unknown {
  let current = value;
  let spent = 0;
  let improved = true;
  while (improved && spent < BUDGET) {
    improved = false;
    for (const candidate of simpler(current)) {
      spent += 1;
      if (spent > BUDGET) break;
      if (shows(candidate)) {
        current = candidate;
        improved = true;
        break;
      }
    }
  }
  return current;
}
