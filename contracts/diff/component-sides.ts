/**
 * Which side of the operation each `components.schemas` entry is on: in what a client sends (request),
 * in what it reads (response), or both. Whether a schema being looser or stricter than the spec harms a
 * client depends on it (holds-against-new.ts).
 */
import { isObject } from '../spec.ts';
import type { Side } from './finding.ts';
import type { OperationSite } from './locate.ts';
import { pointerGet, refPointer } from './pointers.ts';

const COMPONENT = /^\/components\/schemas\/([^/]+)$/;

export function componentSides(site: OperationSite): Map<string, Set<Side>> {
  const document = site.document.spec.document;
  const sides = new Map<string, Set<Side>>();
  const visit = (node: unknown, side: Side, followed: Set<string>): void => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item, side, followed));
    if (!isObject(node)) return;
    const ref = node['$ref'];
    if (typeof ref === 'string' && ref.startsWith('#') && !followed.has(ref)) {
      followed.add(ref); // a recursive schema is walked once
      const target = refPointer(ref);
      const name = COMPONENT.exec(target)?.[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
      if (name !== undefined) sides.set(name, new Set([...(sides.get(name) ?? []), side]));
      visit(pointerGet(document, target), side, followed);
    }
    for (const [key, value] of Object.entries(node)) if (key !== '$ref') visit(value, side, followed);
  };
  visit(
    [site.pathItem['parameters'], site.operation['parameters'], site.operation['requestBody']],
    'request',
    new Set(),
  );
  visit(site.operation['responses'], 'response', new Set());
  return sides;
}
