/** JSON pointers (RFC 6901) into an OpenAPI document, and the `$ref`s that hold them. */
import { isObject, type JsonObject } from '../spec.ts';

/** A JSON pointer one or more keys below `base`, escaped as RFC 6901 says. */
export function pointerTo(base: string, ...keys: ReadonlyArray<string | number>): string {
  return base + keys.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The JSON pointer in an internal `$ref` (`#/components/schemas/A` → `/components/schemas/A`). */
export function refPointer(ref: string): string {
  return decodeURIComponent(ref.slice(1));
}

/** The node at a JSON pointer, or undefined. */
export function pointerGet(document: unknown, pointer: string): unknown {
  let node: unknown = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/**
 * Follows `$ref`s of OpenAPI objects that are not schemas (parameters, responses, request bodies,
 * headers, security schemes, path items) to what they stand for and where that is.
 */
export function followRef(document: JsonObject, node: unknown, pointer: string): { node: unknown; pointer: string } {
  let current = { node, pointer };
  for (let hops = 0; isObject(current.node) && typeof current.node['$ref'] === 'string' && hops < 32; hops++) {
    const target = refPointer(current.node['$ref']);
    current = { node: pointerGet(document, target), pointer: target };
  }
  return current;
}
