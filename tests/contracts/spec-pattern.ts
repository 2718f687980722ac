/**
 * The decimal pattern as the vendored YAML writes it, compiled as JSON Schema means it (ECMA-262, `u`
 * flag): the oracle the decimal tests answer to, read from the spec rather than from contracts/formats.ts.
 */
import { isObject, vendoredSpec } from '../../contracts/spec.ts';

function patternsIn(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => patternsIn(item, found));
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') found.add(value);
      else patternsIn(value, found);
    }
  }
  return found;
}

const patterns = [...patternsIn(vendoredSpec().document, new Set())];
if (patterns.length !== 1)
  throw new Error(`expected the spec to use one pattern, found ${patterns.length}: ${patterns.join(' | ')}`);

export const SPEC_DECIMAL_PATTERN = patterns[0]!;
export const specDecimalRegExp = new RegExp(SPEC_DECIMAL_PATTERN, 'u');
