import type { GateCase } from '../../model/case.ts';

/** A uuid written with or without hyphens, inside any longer text (a URN, braces, a near miss). */
const UUID_INSIDE = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/g;

/**
 * The session ids a case may touch that are not its own, in lower case: the id its request addresses, and
 * any uuid inside that id (a faulty provider may read `urn:uuid:…` as the uuid). Cases sharing one run one
 * after another, in index order (see pool.ts). A case that sets up its session touches only sessions it set
 * up under fresh ids (see exchange.ts setUp): no other case can share them, so it has no key.
 */
export function sessionKeys(generated: GateCase): string[] {
  if (generated.setup) return [];
  const addressed = generated.request.sessionId.toLowerCase();
  const inside = (addressed.match(UUID_INSIDE) ?? []).map((id) =>
    id.replace(/-/g, '').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
  );
  return [addressed, ...inside];
}
