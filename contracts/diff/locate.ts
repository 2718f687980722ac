/**
 * Finds the Update Session operation on both sides. When NEW no longer has it where OLD did, it looks for
 * where it went — the same operationId elsewhere, a method new on the same path, or the same path with
 * its parameters renamed — since for a client a moved operation breaks exactly like a removed one, and
 * the report should say where it is now.
 */
import { OPERATION, isObject, type JsonObject } from '../spec.ts';
import type { Collector } from './collector.ts';
import { HTTP_METHODS, type SpecDocument } from './documents.ts';
import { followRef, pointerTo } from './pointers.ts';

export interface OperationSite {
  readonly document: SpecDocument;
  readonly path: string;
  readonly method: string;
  readonly pointer: string;
  readonly operation: JsonObject;
  readonly pathItem: JsonObject;
  readonly pathItemPointer: string;
}

/** OLD does not hold the operation at all: there is nothing to compare. */
export class MissingOperationError extends Error {
  constructor(readonly file: string) {
    super(
      `${file}: has no ${OPERATION.method.toUpperCase()} ${OPERATION.path} operation (nor one at a path that differs only in parameter names)`,
    );
    this.name = 'MissingOperationError';
  }
}

const label = (site: { method: string; path: string }) => `${site.method.toUpperCase()} ${site.path}`;

/** A path with its parameter names blanked: `/sessions/{id}` and `/sessions/{session_id}` look alike. */
const shapeOf = (path: string) => path.replace(/\{[^}]*\}/g, '{}');

function sites(document: SpecDocument): OperationSite[] {
  const root = document.spec.document;
  const paths = isObject(root['paths']) ? root['paths'] : {};
  return Object.entries(paths).flatMap(([path, raw]) => {
    const item = followRef(root, raw, pointerTo('/paths', path));
    if (!isObject(item.node)) return [];
    const pathItem = item.node;
    return HTTP_METHODS.filter((method) => isObject(pathItem[method])).map((method) => ({
      document,
      path,
      method,
      pathItem,
      pathItemPointer: item.pointer,
      pointer: pointerTo(item.pointer, method),
      operation: pathItem[method] as JsonObject,
    }));
  });
}

export function locateOld(document: SpecDocument): OperationSite {
  const all = sites(document);
  const found =
    all.find((site) => site.method === OPERATION.method && site.path === OPERATION.path) ??
    all.find((site) => site.method === OPERATION.method && shapeOf(site.path) === shapeOf(OPERATION.path));
  if (!found) throw new MissingOperationError(document.spec.source);
  return found;
}

/**
 * Where OLD's operation is in NEW, or undefined when it is gone; a move is reported as a breaking finding.
 * The comparison then goes on against the moved operation, so the report also says what else changed.
 */
export function locateNew(old: OperationSite, document: SpecDocument, out: Collector): OperationSite | undefined {
  const all = sites(document);
  const exact = all.find((site) => site.method === old.method && site.path === old.path);
  if (exact) return exact;
  const oldPlace = { pointer: old.pointer, value: label(old) };
  const report = (rule: string, site: OperationSite, message: string) => {
    out.add({
      rule,
      severity: 'breaking',
      where: 'operation',
      old: oldPlace,
      new: { pointer: site.pointer, value: label(site) },
      message,
    });
    return site;
  };

  const renamed = all.find((site) => site.method === old.method && shapeOf(site.path) === shapeOf(old.path));
  if (renamed) {
    return report(
      'path-parameter-renamed',
      renamed,
      `path ${old.path} → ${renamed.path}; the URL is the same, but clients built from the spec pass the parameter by its old name`,
    );
  }
  const operationId = old.operation['operationId'];
  const sameId =
    typeof operationId === 'string' ? all.find((site) => site.operation['operationId'] === operationId) : undefined;
  const methodsBefore = new Set(
    sites(old.document)
      .filter((site) => shapeOf(site.path) === shapeOf(old.path))
      .map((site) => site.method),
  );
  const newMethodHere = all.find((site) => shapeOf(site.path) === shapeOf(old.path) && !methodsBefore.has(site.method));
  const moved = sameId ?? newMethodHere;
  if (moved && shapeOf(moved.path) === shapeOf(old.path)) {
    return report(
      'operation-method-changed',
      moved,
      `${label(old)} is now ${label(moved)}; old clients still send ${old.method.toUpperCase()} and no longer reach it`,
    );
  }
  if (moved) {
    return report(
      'operation-moved',
      moved,
      `${label(old)} moved to ${label(moved)} (same operationId); old clients still call the old method and path`,
    );
  }
  out.add({
    rule: 'operation-removed',
    severity: 'breaking',
    where: 'operation',
    old: oldPlace,
    new: { pointer: pointerTo('/paths', old.path, old.method) },
    message: `${label(old)} is gone; every call an old client makes to it fails`,
  });
  return undefined;
}

/** Old path parameter name → new one, by position in the path (`{session_id}` → `{id}`). */
export function renamedPathParameters(old: OperationSite, next: OperationSite): Map<string, string> {
  const names = (path: string) => [...path.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]!);
  const before = names(old.path);
  const after = names(next.path);
  return new Map(before.length === after.length ? before.map((name, index) => [name, after[index]!]) : []);
}
