/**
 * The operation rules: servers, security, parameters, request body, response statuses, headers and media
 * types. Each body, parameter or header schema is handed to the schema rules with the side it belongs to.
 */
import { mediaType } from '../formats.ts';
import { isObject, type JsonObject } from '../spec.ts';
import type { Collector, Scope } from './collector.ts';
import { compareSchemas, keywordsOf, noteAnnotations } from './compare-schemas.ts';
import { place, type Side } from './finding.ts';
import { renamedPathParameters, type OperationSite } from './locate.ts';
import { followRef, pointerTo } from './pointers.ts';
import { canonical, readSchema, type Schema } from './schema-model.ts';

interface Located {
  readonly node: JsonObject;
  readonly pointer: string;
}

export function compareOperations(old: OperationSite, next: OperationSite, out: Collector): void {
  noteAnnotations(
    out,
    'operation',
    keywordsOf(old.operation, old.pointer),
    keywordsOf(next.operation, next.pointer),
    new Set(['tags']),
  );
  compareOperationId(old, next, out);
  compareServers(old, next, out);
  compareSecurity(old, next, out);
  compareParameters(old, next, out);
  compareRequestBody(old, next, out);
  compareResponses(old, next, out);
}

function located(site: OperationSite, node: unknown, pointer: string): Located | undefined {
  const found = followRef(site.document.spec.document, node, pointer);
  return isObject(found.node) ? { node: found.node, pointer: found.pointer } : undefined;
}

function schemaOf(site: OperationSite, holder: Located): Schema {
  return readSchema(site.document.spec.document, holder.node['schema'], pointerTo(holder.pointer, 'schema'));
}

function compareOperationId(old: OperationSite, next: OperationSite, out: Collector): void {
  const before = old.operation['operationId'];
  const after = next.operation['operationId'];
  if (before === after) return;
  out.add({
    rule: 'operation-id-changed',
    severity: 'safe',
    where: 'operation',
    old: place(pointerTo(old.pointer, 'operationId'), before),
    new: place(pointerTo(next.pointer, 'operationId'), after),
    message:
      'operationId changed; nothing changes on the wire, but clients generated again from the spec may name the method differently',
  });
}

// ---- servers -----------------------------------------------------------------------------------------

/** The base URLs that apply to the operation (its own, its path's, or the document's), if any are declared. */
function serversOf(site: OperationSite): { urls: string[]; pointer: string } | undefined {
  const levels: Array<[unknown, string]> = [
    [site.operation, site.pointer],
    [site.pathItem, site.pathItemPointer],
    [site.document.spec.document, ''],
  ];
  for (const [node, pointer] of levels) {
    const servers = isObject(node) ? node['servers'] : undefined;
    if (Array.isArray(servers) && servers.length > 0) {
      const urls = servers.flatMap((server) =>
        isObject(server) && typeof server['url'] === 'string' ? [server['url'].replace(/\/+$/, '')] : [],
      );
      return { urls, pointer: pointerTo(pointer, 'servers') };
    }
  }
  return undefined;
}

/** A file that declares no servers (an operation-only file, say) says nothing about where clients go. */
function compareServers(old: OperationSite, next: OperationSite, out: Collector): void {
  const before = serversOf(old);
  const after = serversOf(next);
  if (!before || !after) return;
  for (const url of before.urls.filter((url) => !after.urls.includes(url))) {
    out.add({
      rule: 'server-url-removed',
      severity: 'breaking',
      where: 'servers',
      old: place(before.pointer, before.urls),
      new: place(after.pointer, after.urls),
      message: `server ${url} is no longer listed; clients configured with it may no longer reach the operation`,
    });
  }
  for (const url of after.urls.filter((url) => !before.urls.includes(url))) {
    out.add({
      rule: 'server-url-added',
      severity: 'safe',
      where: 'servers',
      old: place(before.pointer, before.urls),
      new: place(after.pointer, after.urls),
      message: `server ${url} added; old clients keep using the servers they know`,
    });
  }
}

// ---- security ----------------------------------------------------------------------------------------

interface Alternative {
  /** What the client must send, independent of the scheme's name in `components`. */
  readonly meaning: string;
  /** The same without scopes, to pair a changed scheme with its replacement. */
  readonly kind: string;
  readonly place: ReturnType<typeof place>;
  /** For an API key sent in a header (and nothing else), the header's name in lower case. */
  readonly apiKeyHeader?: string;
}

/** A security scheme by what a client must do, not by its key: `apiKey in header x-browser-use-api-key`. */
function schemeMeaning(
  scheme: JsonObject | undefined,
  key: string,
): { meaning: string; kind: string; header?: string } {
  if (!scheme) return { meaning: `undefined scheme "${key}"`, kind: 'undefined' };
  const type = String(scheme['type']);
  if (type === 'apiKey') {
    const where = String(scheme['in']);
    const name = where === 'header' ? String(scheme['name']).toLowerCase() : String(scheme['name']);
    return {
      meaning: `apiKey in ${where} "${name}"`,
      kind: `apiKey in ${where}`,
      ...(where === 'header' ? { header: name } : {}),
    };
  }
  if (type === 'http') return { meaning: `http ${String(scheme['scheme']).toLowerCase()}`, kind: 'http' };
  if (type === 'oauth2') return { meaning: `oauth2 ${canonical(scheme['flows'])}`, kind: 'oauth2' };
  if (type === 'openIdConnect')
    return { meaning: `openIdConnect ${String(scheme['openIdConnectUrl'])}`, kind: 'openIdConnect' };
  return { meaning: type, kind: type };
}

function securitySchemes(site: OperationSite): JsonObject {
  const root = site.document.spec.document;
  return isObject(root['components']) && isObject(root['components']['securitySchemes'])
    ? root['components']['securitySchemes']
    : {};
}

/** A scheme a requirement names but the file does not define, taken from the other side's file. */
interface Borrowed {
  readonly name: string;
  readonly from: OperationSite;
}

/**
 * The operation's security requirement: alternatives, any one of which a client may satisfy. A file that
 * holds only the operation cannot define the schemes it names; a name `site` does not define is taken
 * to mean what `other` defines under it (and listed in `borrowed`, so the report can say so).
 */
function securityOf(
  site: OperationSite,
  other: OperationSite,
): { alternatives: Alternative[]; open: boolean; pointer: string; borrowed: Borrowed[] } {
  const root = site.document.spec.document;
  const own = site.operation['security'];
  const [requirement, pointer] = Array.isArray(own)
    ? [own, pointerTo(site.pointer, 'security')]
    : [root['security'], '/security'];
  const list = Array.isArray(requirement) ? requirement.filter(isObject) : [];
  const [schemes, theirs] = [securitySchemes(site), securitySchemes(other)];
  const borrowed: Borrowed[] = [];
  const alternatives = list
    .filter((alternative) => Object.keys(alternative).length > 0)
    .map((alternative, index) => {
      const parts = Object.entries(alternative)
        .map(([key, scopes]) => {
          const borrow = schemes[key] === undefined && theirs[key] !== undefined;
          if (borrow && !borrowed.some((entry) => entry.name === key)) borrowed.push({ name: key, from: other });
          const scheme = borrow
            ? located(other, theirs[key], pointerTo('/components/securitySchemes', key))
            : located(site, schemes[key], pointerTo('/components/securitySchemes', key));
          const { meaning, kind, header } = schemeMeaning(scheme?.node, key);
          const scoped =
            Array.isArray(scopes) && scopes.length > 0
              ? `${meaning} [${[...scopes].map(String).sort().join(' ')}]`
              : meaning;
          // A borrowed scheme is not in this file: point at the requirement that names it.
          const at =
            borrow || !scheme ? place(pointerTo(pointer, index), alternative) : place(scheme.pointer, scheme.node);
          return { meaning: scoped, kind, header, place: at };
        })
        .sort((a, b) => (a.meaning < b.meaning ? -1 : 1));
      const header = parts.length === 1 ? parts[0]!.header : undefined;
      return {
        meaning: parts.map((part) => part.meaning).join(' + '),
        kind: parts.map((part) => part.kind).join(' + '),
        place: parts[0]!.place,
        ...(header === undefined ? {} : { apiKeyHeader: header }),
      };
    });
  const open = list.length === 0 || list.some((alternative) => Object.keys(alternative).length === 0);
  return { alternatives, open, pointer, borrowed };
}

/** Lower-case names of the API-key headers any alternative of the operation's security sends. */
function apiKeyHeaders(site: OperationSite, other: OperationSite): Set<string> {
  return new Set(
    securityOf(site, other).alternatives.flatMap((alternative) =>
      alternative.apiKeyHeader === undefined ? [] : [alternative.apiKeyHeader],
    ),
  );
}

/** Lower-case names of the operation's required header parameters. */
function requiredHeaders(site: OperationSite): Set<string> {
  return new Set(
    [...parametersOf(site).values()]
      .filter((parameter) => parameter.in === 'header' && parameter.required)
      .map((parameter) => parameter.name.toLowerCase()),
  );
}

/**
 * An API key spelt as a security scheme and the same key spelt as a required header parameter are one
 * thing to a client: it sends the header either way. A move between the two spellings changes nothing.
 */
function sendsSameKey(security: ReturnType<typeof securityOf>, headers: Set<string>): boolean {
  return (
    security.alternatives.length > 0 &&
    security.alternatives.every(
      (alternative) => alternative.apiKeyHeader !== undefined && headers.has(alternative.apiKeyHeader),
    )
  );
}

function compareSecurity(old: OperationSite, next: OperationSite, out: Collector): void {
  const before = securityOf(old, next);
  const after = securityOf(next, old);
  for (const [security, site] of [
    [before, old],
    [after, next],
  ] as const) {
    for (const { name, from } of security.borrowed) {
      out.assume(
        `${site.document.spec.source} names security scheme "${name}" without defining it: taken to be the one ${from.document.spec.source} defines`,
      );
    }
  }
  const requirement = (security: typeof before) =>
    place(
      security.pointer,
      security.alternatives.map((alternative) => alternative.meaning),
    );
  if (after.open) {
    if (!before.open && !sendsSameKey(before, requiredHeaders(next))) {
      out.add({
        rule: 'security-removed',
        severity: 'safe',
        where: 'security',
        old: requirement(before),
        new: requirement(after),
        message: 'credentials are no longer required; old clients that send them are still accepted',
      });
    }
    return;
  }
  if (before.open) {
    if (sendsSameKey(after, requiredHeaders(old))) return;
    out.add({
      rule: 'security-added',
      severity: 'breaking',
      where: 'security',
      old: requirement(before),
      new: requirement(after),
      message: `credentials are now required (${after.alternatives.map((alternative) => alternative.meaning).join(' or ')}); old clients that send none are rejected`,
    });
    return;
  }
  const added = after.alternatives.filter(
    (alternative) => !before.alternatives.some((o) => o.meaning === alternative.meaning),
  );
  for (const gone of before.alternatives.filter(
    (alternative) => !after.alternatives.some((n) => n.meaning === alternative.meaning),
  )) {
    const replacement = added.findIndex((alternative) => alternative.kind === gone.kind);
    if (replacement >= 0) {
      const [instead] = added.splice(replacement, 1);
      out.add({
        rule: 'security-scheme-changed',
        severity: 'breaking',
        where: 'security',
        old: gone.place,
        new: instead!.place,
        message: `${gone.meaning} → ${instead!.meaning}; old clients send the credentials the old way and are rejected`,
      });
    } else {
      out.add({
        rule: 'security-requirement-removed',
        severity: 'breaking',
        where: 'security',
        old: gone.place,
        new: requirement(after),
        message: `${gone.meaning} is no longer accepted; old clients that authenticate that way are rejected`,
      });
    }
  }
  for (const alternative of added) {
    out.add({
      rule: 'security-alternative-added',
      severity: 'safe',
      where: 'security',
      old: requirement(before),
      new: alternative.place,
      message: `${alternative.meaning} is now also accepted; old clients keep authenticating as before`,
    });
  }
}

// ---- parameters --------------------------------------------------------------------------------------

interface Parameter extends Located {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
}

/** Headers OpenAPI says a `parameters` entry may not define: they are described elsewhere. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

const parameterKey = (where: string, name: string) => `${where}:${where === 'header' ? name.toLowerCase() : name}`;

/** Parameters of the path item and the operation, the operation's winning, by `in` and name. */
function parametersOf(site: OperationSite): Map<string, Parameter> {
  const found = new Map<string, Parameter>();
  const lists: Array<[unknown, string]> = [
    [site.pathItem['parameters'], site.pathItemPointer],
    [site.operation['parameters'], site.pointer],
  ];
  for (const [list, base] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, index) => {
      const parameter = located(site, raw, pointerTo(base, 'parameters', index));
      if (!parameter || typeof parameter.node['name'] !== 'string' || typeof parameter.node['in'] !== 'string') return;
      const { name, in: where } = parameter.node as { name: string; in: string };
      if (where === 'header' && IGNORED_HEADERS.has(name.toLowerCase())) return;
      found.set(parameterKey(where, name), {
        ...parameter,
        name,
        in: where,
        required: where === 'path' || parameter.node['required'] === true,
      });
    });
  }
  return found;
}

function parameterLabel(parameter: Parameter): string {
  return parameter.in === 'header' ? `header ${parameter.name}` : `${parameter.in} parameter ${parameter.name}`;
}

/** How a parameter is written on the wire, with OpenAPI's defaults filled in. */
function serialization(parameter: Parameter): string {
  const style =
    parameter.node['style'] ??
    ({ query: 'form', cookie: 'form', path: 'simple', header: 'simple' } as Record<string, string>)[parameter.in];
  const explode = parameter.node['explode'] ?? style === 'form';
  return `style ${String(style)}, explode ${String(explode)}`;
}

function compareParameters(old: OperationSite, next: OperationSite, out: Collector): void {
  const before = parametersOf(old);
  const after = parametersOf(next);
  const renamed = renamedPathParameters(old, next);
  const matched = new Set<string>();
  // A header that is now (or was) the operation's API key is still sent: see `sendsSameKey`.
  const [oldKeys, newKeys] = [apiKeyHeaders(old, next), apiKeyHeaders(next, old)];
  const isKey = (parameter: Parameter, keys: Set<string>) =>
    parameter.in === 'header' && keys.has(parameter.name.toLowerCase());
  for (const [key, parameter] of before) {
    const newKey =
      parameter.in === 'path' && renamed.has(parameter.name) ? parameterKey('path', renamed.get(parameter.name)!) : key;
    const counterpart = after.get(newKey);
    const kind = parameter.in === 'header' ? 'header' : 'parameter';
    if (!counterpart) {
      if (isKey(parameter, newKeys)) continue;
      out.add({
        rule: `request-${kind}-removed`,
        severity: 'breaking',
        where: parameterLabel(parameter),
        old: place(parameter.pointer, parameter.node),
        new: place(pointerTo(next.pointer, 'parameters', '-')),
        message: `${parameterLabel(parameter)} removed; old clients still send it and the provider no longer says what it does with it`,
      });
      continue;
    }
    matched.add(newKey);
    compareParameter(parameter, counterpart, old, next, out);
  }
  for (const [key, parameter] of after) {
    if (matched.has(key) || isKey(parameter, oldKeys)) continue;
    const kind = parameter.in === 'header' ? 'header' : 'parameter';
    out.add({
      rule: `request-${kind}-added`,
      severity: parameter.required ? 'breaking' : 'safe',
      where: parameterLabel(parameter),
      old: place(pointerTo(old.pointer, 'parameters', '-')),
      new: place(parameter.pointer, parameter.node),
      message: parameter.required
        ? `new required ${parameterLabel(parameter)}; requests from old clients lack it and are rejected`
        : `new optional ${parameterLabel(parameter)}; old clients may leave it out`,
    });
  }
}

function compareParameter(
  old: Parameter,
  next: Parameter,
  oldSite: OperationSite,
  nextSite: OperationSite,
  out: Collector,
): void {
  const where = parameterLabel(old);
  const kind = old.in === 'header' ? 'header' : 'parameter';
  noteAnnotations(out, where, keywordsOf(old.node, old.pointer), keywordsOf(next.node, next.pointer));
  if (old.required !== next.required) {
    out.add({
      rule: `request-${kind}-became-${next.required ? 'required' : 'optional'}`,
      severity: next.required ? 'breaking' : 'safe',
      where,
      old: place(pointerTo(old.pointer, 'required'), old.node['required']),
      new: place(pointerTo(next.pointer, 'required'), next.node['required']),
      message: next.required
        ? `${where} is now required; requests that leave it out are rejected`
        : `${where} is now optional; old clients send it anyway`,
    });
  }
  if (serialization(old) !== serialization(next)) {
    out.add({
      rule: `request-${kind}-style-changed`,
      severity: 'breaking',
      where,
      old: place(old.pointer, serialization(old)),
      new: place(next.pointer, serialization(next)),
      message: `${where} is now written as ${serialization(next)} (was ${serialization(old)}); old clients serialise it the old way`,
    });
  }
  if (isObject(old.node['content']) || isObject(next.node['content'])) {
    compareContent('request', where, oldSite, nextSite, contentOf(oldSite, old), contentOf(nextSite, next), out);
  } else {
    compareSchemas(schemaOf(oldSite, old), schemaOf(nextSite, next), { side: 'request', where }, out);
  }
}

// ---- bodies ------------------------------------------------------------------------------------------

interface Content {
  /** Media type (lower case, no parameters) → the media type object. */
  readonly types: Map<string, Located>;
  readonly pointer: string;
}

function contentOf(site: OperationSite, holder: Located): Content {
  const pointer = pointerTo(holder.pointer, 'content');
  const types = new Map<string, Located>();
  const content = holder.node['content'];
  if (isObject(content)) {
    for (const [type, media] of Object.entries(content)) {
      const found = located(site, media, pointerTo(pointer, type));
      if (found) types.set(mediaType(type), found);
    }
  }
  return { types, pointer };
}

/**
 * Media types of one body. A client sends one it knows and parses one it knows, so a type removed breaks
 * both sides; a type added widens what the provider may answer with (breaking, unless there was no body
 * before) and what it accepts (safe). One type swapped for another is one change, and its schemas are
 * still compared.
 */
function compareContent(
  side: Side,
  where: string,
  oldSite: OperationSite,
  nextSite: OperationSite,
  old: Content,
  next: Content,
  out: Collector,
  errorStatus?: string,
): void {
  const removed = [...old.types.keys()].filter((type) => !next.types.has(type));
  const added = [...next.types.keys()].filter((type) => !old.types.has(type));
  const label = (type: string, content: Content) => (content.types.size > 1 ? `${where} (${type})` : where);
  const compareMedia = (oldType: string, newType: string) => {
    const before = old.types.get(oldType)!;
    const after = next.types.get(newType)!;
    const scope: Scope = { side, where: label(newType, next) };
    noteAnnotations(out, scope.where, keywordsOf(before.node, before.pointer), keywordsOf(after.node, after.pointer));
    out.withinErrorBody(errorStatus, () =>
      compareSchemas(schemaOf(oldSite, before), schemaOf(nextSite, after), scope, out),
    );
  };
  if (removed.length === 1 && added.length === 1) {
    const [from, to] = [removed[0]!, added[0]!];
    out.add({
      rule: `${side}-media-type-changed`,
      severity: 'breaking',
      where,
      old: place(old.types.get(from)!.pointer, from),
      new: place(next.types.get(to)!.pointer, to),
      message:
        side === 'request'
          ? `content type ${from} → ${to}; old clients send ${from} and are rejected`
          : `content type ${from} → ${to}; old clients expect ${from} and cannot read the new body`,
    });
    compareMedia(from, to);
  } else {
    for (const type of removed) {
      out.add({
        rule: `${side}-media-type-removed`,
        severity: 'breaking',
        where,
        old: place(old.types.get(type)!.pointer, type),
        new: place(next.pointer, [...next.types.keys()]),
        message:
          side === 'request'
            ? `content type ${type} is no longer accepted; old clients that send it are rejected`
            : `content type ${type} is no longer sent; old clients that expect it cannot read the body`,
      });
    }
    for (const type of added) {
      const harmless = side === 'request' || old.types.size === 0;
      out.add({
        rule: `${side}-media-type-added`,
        severity: harmless ? 'safe' : 'breaking',
        where,
        old: place(old.pointer, [...old.types.keys()]),
        new: place(next.types.get(type)!.pointer, type),
        message:
          side === 'request'
            ? `content type ${type} is now also accepted; old clients keep sending what they did`
            : harmless
              ? `a ${type} body is now documented where there was none; old clients did not read one`
              : `the provider may now answer with ${type}, which old clients do not parse`,
      });
    }
  }
  for (const type of old.types.keys()) if (next.types.has(type)) compareMedia(type, type);
}

function compareRequestBody(old: OperationSite, next: OperationSite, out: Collector): void {
  const before = located(old, old.operation['requestBody'], pointerTo(old.pointer, 'requestBody'));
  const after = located(next, next.operation['requestBody'], pointerTo(next.pointer, 'requestBody'));
  const where = 'request body';
  if (!before && !after) return;
  if (!before || !after) {
    const required = after?.node['required'] === true;
    out.add({
      rule: after ? 'request-body-added' : 'request-body-removed',
      severity: after && !required ? 'safe' : 'breaking',
      where,
      old: place(before?.pointer ?? pointerTo(old.pointer, 'requestBody'), before?.node),
      new: place(after?.pointer ?? pointerTo(next.pointer, 'requestBody'), after?.node),
      message: !after
        ? 'the request body is gone; old clients still send one and the provider no longer says what it does with it'
        : required
          ? 'a request body is now required; old clients send none and are rejected'
          : 'an optional request body is now accepted; old clients may leave it out',
    });
    return;
  }
  noteAnnotations(out, where, keywordsOf(before.node, before.pointer), keywordsOf(after.node, after.pointer));
  const [wasRequired, isRequired] = [before.node['required'] === true, after.node['required'] === true];
  if (wasRequired !== isRequired) {
    out.add({
      rule: `request-body-became-${isRequired ? 'required' : 'optional'}`,
      severity: isRequired ? 'breaking' : 'safe',
      where,
      old: place(pointerTo(before.pointer, 'required'), before.node['required']),
      new: place(pointerTo(after.pointer, 'required'), after.node['required']),
      message: isRequired
        ? 'the request body is now required; old clients that send none are rejected'
        : 'the request body is now optional; old clients send one anyway',
    });
  }
  compareContent('request', where, old, next, contentOf(old, before), contentOf(next, after), out);
}

// ---- responses ---------------------------------------------------------------------------------------

const isSuccess = (status: string) => /^2(\d\d|xx)$/i.test(status);

function responsesOf(site: OperationSite): Map<string, Located> {
  const pointer = pointerTo(site.pointer, 'responses');
  const responses = site.operation['responses'];
  const found = new Map<string, Located>();
  if (isObject(responses)) {
    for (const [status, raw] of Object.entries(responses)) {
      const response = located(site, raw, pointerTo(pointer, status));
      if (response) found.set(status.toUpperCase(), response);
    }
  }
  return found;
}

/**
 * Statuses. Old clients expect a documented success status: losing it, or gaining another, breaks them.
 * An error status they handle (404 → not found) that disappears breaks them too, since the case it
 * covered now answers with something else. A newly documented error status is safe: a client must
 * already treat an undocumented error status as a generic error.
 */
function compareResponses(old: OperationSite, next: OperationSite, out: Collector): void {
  const before = responsesOf(old);
  const after = responsesOf(next);
  const removed = [...before.keys()].filter((status) => !after.has(status));
  const added = [...after.keys()].filter((status) => !before.has(status));
  const addedSuccess = added.filter(isSuccess);
  const statusPlace = (responses: Map<string, Located>, site: OperationSite, status?: string) =>
    status === undefined
      ? place(pointerTo(site.pointer, 'responses'), [...responses.keys()])
      : place(responses.get(status)!.pointer, status);

  for (const status of removed) {
    if (isSuccess(status) && addedSuccess.length > 0) {
      const replacement = addedSuccess.shift()!;
      out.add({
        rule: 'success-status-changed',
        severity: 'breaking',
        where: `response ${status}`,
        old: statusPlace(before, old, status),
        new: statusPlace(after, next, replacement),
        message: `success status ${status} → ${replacement}; old clients expect ${status}`,
      });
      compareResponse(old, next, before.get(status)!, after.get(replacement)!, replacement, out);
      continue;
    }
    out.add({
      rule: isSuccess(status) ? 'success-status-removed' : 'error-status-removed',
      severity: 'breaking',
      where: `response ${status}`,
      old: statusPlace(before, old, status),
      new: statusPlace(after, next),
      message: isSuccess(status)
        ? `success status ${status} is no longer documented; old clients expect it`
        : `status ${status} is no longer documented; old clients that handle it no longer get it for the case it covered`,
    });
  }
  for (const status of added) {
    if (isSuccess(status) && !addedSuccess.includes(status)) continue; // paired above
    out.add({
      rule: isSuccess(status) ? 'success-status-added' : 'error-status-added',
      severity: isSuccess(status) ? 'breaking' : 'safe',
      where: `response ${status}`,
      old: statusPlace(before, old),
      new: statusPlace(after, next, status),
      message: isSuccess(status)
        ? `the provider may now answer success with ${status}, which old clients do not expect`
        : `status ${status} is now documented; old clients treat it as the generic error it already was to them`,
    });
  }
  for (const [status, response] of before) {
    const counterpart = after.get(status);
    if (counterpart) compareResponse(old, next, response, counterpart, status, out);
  }
}

function headersOf(site: OperationSite, response: Located): Map<string, Parameter> {
  const found = new Map<string, Parameter>();
  const headers = response.node['headers'];
  if (!isObject(headers)) return found;
  for (const [name, raw] of Object.entries(headers)) {
    if (name.toLowerCase() === 'content-type') continue;
    const header = located(site, raw, pointerTo(response.pointer, 'headers', name));
    if (header)
      found.set(name.toLowerCase(), { ...header, name, in: 'header', required: header.node['required'] === true });
  }
  return found;
}

function compareResponse(
  oldSite: OperationSite,
  nextSite: OperationSite,
  old: Located,
  next: Located,
  status: string,
  out: Collector,
): void {
  const where = `response ${status}`;
  noteAnnotations(out, where, keywordsOf(old.node, old.pointer), keywordsOf(next.node, next.pointer));
  const before = headersOf(oldSite, old);
  const after = headersOf(nextSite, next);
  for (const [key, header] of before) {
    const counterpart = after.get(key);
    const label = `${where} header ${header.name}`;
    if (!counterpart) {
      out.add({
        rule: 'response-header-removed',
        severity: 'breaking',
        where: label,
        old: place(header.pointer, header.node),
        new: place(pointerTo(next.pointer, 'headers', header.name)),
        message: `header ${header.name} is no longer sent; old clients that read it no longer find it`,
      });
      continue;
    }
    if (header.required !== counterpart.required) {
      out.add({
        rule: `response-header-became-${counterpart.required ? 'required' : 'optional'}`,
        severity: counterpart.required ? 'safe' : 'breaking',
        where: label,
        old: place(pointerTo(header.pointer, 'required'), header.node['required']),
        new: place(pointerTo(counterpart.pointer, 'required'), counterpart.node['required']),
        message: counterpart.required
          ? `header ${header.name} is now always sent`
          : `header ${header.name} may now be missing; old clients that rely on it break`,
      });
    }
    noteAnnotations(
      out,
      label,
      keywordsOf(header.node, header.pointer),
      keywordsOf(counterpart.node, counterpart.pointer),
    );
    compareSchemas(schemaOf(oldSite, header), schemaOf(nextSite, counterpart), { side: 'response', where: label }, out);
  }
  for (const [key, header] of after) {
    if (before.has(key)) continue;
    out.add({
      rule: 'response-header-added',
      severity: 'safe',
      where: `${where} header ${header.name}`,
      old: place(pointerTo(old.pointer, 'headers', header.name)),
      new: place(header.pointer, header.node),
      message: `header ${header.name} is now documented; old clients ignore it`,
    });
  }
  compareContent(
    'response',
    `${where} body`,
    oldSite,
    nextSite,
    contentOf(oldSite, old),
    contentOf(nextSite, next),
    out,
    isSuccess(status) ? undefined : status,
  );
}
