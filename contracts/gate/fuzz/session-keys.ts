import type { GateCase } from '../../model/case.ts';
import { siblingId } from '../exchange.ts';

/** A uuid written with or without hyphens, inside any longer text (a URN, braces, a near miss). */
const UUID_INSIDE = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/g;

/**
 * The session ids a case may touch, in lower case: the one it sets up, that one's control sibling, the id
 * its request addresses, and any uuid inside that id (a faulty provider may read `urn:uuid:…` as the uuid).
 * Cases sharing one run one after another, in index order (see pool.ts).
 */
export function sessionKeys(generated: GateCase): string[] {
  const addressed = generated.request.sessionId.toLowerCase();
  const inside = (addressed.match(UUID_INSIDE) ?? []).map((id) =>
    id.replace(/-/g, '').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
  );
  const keys = [addressed, ...inside];
  if (generated.setup) keys.push(generated.setup.sessionId.toLowerCase(), siblingId(generated.setup.sessionId));
  return keys;
}
