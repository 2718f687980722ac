/**
 * Judges requests and responses of Update Session exactly as the spec says.
 *
 * openapi-backend does the routing and the schema work, with its known traps closed here:
 * - it refuses OpenAPI 3.1 in its own definition check (and then runs with an empty definition), so it
 *   is given our already-resolved document in `quick` mode, which skips that check;
 * - it validates with a draft-07 Ajv that ignores `format` and stops at the first error, so every Ajv it
 *   makes is replaced by a JSON Schema 2020-12 Ajv (OpenAPI 3.1's dialect) with `allErrors` and our formats;
 * - it never checks the request's content type, nor whether a response status is documented at all;
 *   both are checked here.
 */
import AjvModule2020 from 'ajv/dist/2020.js';
import type { Options as AjvOptions, ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { OpenAPIBackend, type Operation } from 'openapi-backend';
import { SPEC_FORMATS, mediaType } from './formats.ts';
import { OPERATION, isObject, vendoredSpec, type JsonObject, type LoadedSpec } from './spec.ts';

// Both packages are CommonJS with a default export; under NodeNext that default sits one level down.
const Ajv2020 = AjvModule2020 as unknown as typeof AjvModule2020.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** The security scheme's header as the spec spells it, for text people read (curl lines, messages). */
export const API_KEY_HEADER_DISPLAY = 'X-Browser-Use-API-Key';
/** The same header as node:http presents it (lower case): for matching and setting headers. */
export const API_KEY_HEADER = API_KEY_HEADER_DISPLAY.toLowerCase();

/** Where in a request or response an issue was found. */
export type IssueLocation = 'path' | 'header' | 'body' | 'security' | 'status';

/** One way in which a request or response breaks the spec: data, worded by whoever renders it. */
export interface SpecIssue {
  readonly in: IssueLocation;
  /** JSON pointer into the part named by `in` (`/session_id`, `/action`, `/tasks/0/status`, …). */
  readonly pointer: string;
  /** The JSON Schema keyword (or `content-type`, `parse`, `security`, `status`) that failed. */
  readonly keyword: string;
  readonly message: string;
}

export interface Verdict {
  readonly valid: boolean;
  readonly issues: readonly SpecIssue[];
}

/** A request as it goes over the wire, the path id already percent-decoded. */
export interface RequestUnderTest {
  readonly sessionId: string;
  /** Header names in any case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The raw body text, or undefined when none is sent. */
  readonly body?: string | undefined;
}

export interface ResponseUnderTest {
  readonly status: number;
  readonly contentType?: string | undefined;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  readonly body: unknown;
}

/** An Ajv set up the way the spec's dialect means it: 2020-12, every error, every format asserted. */
export function specAjv(options: AjvOptions = {}, refTarget?: JsonObject): InstanceType<typeof Ajv2020> {
  const ajv = new Ajv2020({ ...options, strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  for (const [name, format] of Object.entries(SPEC_FORMATS)) ajv.addFormat(name, format);
  // An OpenAPI document is no JSON Schema: it is registered only as a place for $refs to point into.
  if (refTarget) ajv.addSchema(refTarget, SPEC_SCHEMA_ID, undefined, false);
  return ajv;
}

/** Where the `$ref`s that resolveRefs leaves in place (recursive schemas) point, once anchored. */
const SPEC_SCHEMA_ID = 'urn:bu-contract:spec';

/**
 * A recursive schema keeps a `$ref` to itself after resolveRefs, relative to the document's root; once
 * openapi-backend or we cut a schema out of the document, `#/…` would mean the cut-out piece. Anchoring
 * those refs to the document (registered in every Ajv under SPEC_SCHEMA_ID) keeps them pointing home.
 */
function anchorRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(anchorRefs);
  if (!isObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#')
        ? `${SPEC_SCHEMA_ID}${value}`
        : anchorRefs(value),
    ]),
  );
}

function verdict(issues: SpecIssue[]): Verdict {
  return { valid: issues.length === 0, issues };
}

function fromAjv(error: ErrorObject, where: IssueLocation, pointer: string): SpecIssue {
  return { in: where, pointer, keyword: error.keyword, message: error.message ?? error.keyword };
}

export class SpecValidator {
  private readonly api: OpenAPIBackend;
  private readonly operation: JsonObject;
  private readonly componentValidators = new Map<string, ValidateFunction>();
  private readonly ajv: InstanceType<typeof Ajv2020>;
  /** The resolved document as validated: a private copy where it needed an operationId or anchored $refs. */
  private readonly definition: JsonObject;

  /** Each way the spec allows to authenticate (any one will do), as the headers it needs (all of them). */
  private readonly securityAlternatives: ReadonlyArray<readonly string[]>;

  constructor(readonly spec: LoadedSpec = vendoredSpec()) {
    let definition = spec.resolved;
    const operationOf = (document: JsonObject) => {
      const pathItem = (document['paths'] as JsonObject | undefined)?.[OPERATION.path];
      return isObject(pathItem) ? pathItem[OPERATION.method] : undefined;
    };
    let patch: unknown = operationOf(definition);
    if (!isObject(patch))
      throw new Error(`${spec.source}: has no ${OPERATION.method.toUpperCase()} ${OPERATION.path} operation`);
    if (typeof patch['operationId'] !== 'string') {
      // openapi-backend keys operations by id; a spec without one gets a private one, in a copy.
      definition = structuredClone(definition);
      const copy = operationOf(definition) as JsonObject;
      copy['operationId'] = 'bu-contract:update-session';
      patch = copy;
    }
    // Only a document with recursive schemas still holds $refs; the rest pay nothing for them.
    const refTarget = JSON.stringify(definition).includes('"$ref"')
      ? (anchorRefs(definition) as JsonObject)
      : undefined;
    if (refTarget) {
      definition = refTarget;
      patch = operationOf(definition);
    }
    this.ajv = specAjv({}, refTarget);
    this.definition = definition;
    this.operation = patch as JsonObject;
    this.securityAlternatives = securityAlternatives(definition, this.operation);
    this.api = new OpenAPIBackend({
      definition: definition as never,
      quick: true,
      strict: true,
      ajvOpts: { allErrors: true },
      customizeAjv: (_draft07, options) => specAjv(options, refTarget) as never,
    });
    // With an object definition in quick mode, init() is synchronous in effect; we still await nothing.
    void this.api.init();
  }

  private routedOperation: Operation | undefined;

  /**
   * openapi-backend's own operation, looked up once: given an operationId it rebuilds its whole
   * operation list on every call, which was most of the cost of validating a request.
   */
  private get routed(): Operation {
    this.routedOperation ??= this.api.router.getOperation(this.operation['operationId'] as string);
    if (!this.routedOperation)
      throw new Error(
        `${this.spec.source}: openapi-backend found no operation ${String(this.operation['operationId'])}`,
      );
    return this.routedOperation;
  }

  validateRequest(request: RequestUnderTest): Verdict {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = value;
    }
    const issues: SpecIssue[] = [];
    issues.push(...this.securityIssues(headers));
    issues.push(...this.contentTypeIssues(headers['content-type'], request.body));
    const result = this.api.validateRequest(
      {
        method: OPERATION.method,
        path: OPERATION.path.replace('{session_id}', encodeURIComponent(request.sessionId)),
        headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      },
      this.routed,
    );
    for (const error of result.errors ?? []) {
      if (error.keyword === 'parse') {
        issues.push({ in: 'body', pointer: '', keyword: 'parse', message: `malformed JSON: ${error.message ?? ''}` });
        continue;
      }
      const [, part = '', ...rest] = error.instancePath.split('/');
      const requiredProperty =
        error.keyword === 'required' ? (error.params as { missingProperty?: string }).missingProperty : undefined;
      if (part === 'path' || (part === '' && requiredProperty === 'path')) {
        issues.push(fromAjv(error, 'path', `/${rest.join('/') || 'session_id'}`));
      } else if (part === 'requestBody' || requiredProperty === 'requestBody') {
        issues.push(fromAjv(error, 'body', rest.length ? `/${rest.join('/')}` : ''));
      } else if (part === 'header') {
        issues.push(fromAjv(error, 'header', `/${rest.join('/')}`));
      } else {
        issues.push(fromAjv(error, 'body', error.instancePath));
      }
    }
    return verdict(issues);
  }

  private securityIssues(headers: Record<string, string>): SpecIssue[] {
    const alternatives = this.securityAlternatives;
    if (
      alternatives.length === 0 ||
      alternatives.some((needed) => needed.every((name) => headers[name.toLowerCase()] !== undefined))
    )
      return [];
    const first = alternatives[0]!;
    const missing = first.filter((name) => headers[name.toLowerCase()] === undefined);
    return [
      {
        in: 'security',
        pointer: `/${missing[0]!.toLowerCase()}`,
        keyword: 'security',
        message: `the ${missing.join(' and ')} header${missing.length > 1 ? 's are' : ' is'} required`,
      },
    ];
  }

  private contentTypeIssues(contentType: string | undefined, body: string | undefined): SpecIssue[] {
    const requestBody = this.operation['requestBody'];
    if (!isObject(requestBody) || !isObject(requestBody['content'])) return [];
    if (body === undefined && requestBody['required'] !== true) return [];
    const accepted = Object.keys(requestBody['content']).map((type) => type.toLowerCase());
    const sent = mediaType(contentType);
    if (accepted.includes(sent) || accepted.includes('*/*')) return [];
    const message =
      sent === ''
        ? `a Content-Type header is required (one of ${accepted.join(', ')})`
        : `Content-Type ${sent} is not one of ${accepted.join(', ')}`;
    return [{ in: 'header', pointer: '/content-type', keyword: 'content-type', message }];
  }

  /** The response statuses the spec documents for the operation. */
  documentedStatuses(): number[] {
    return Object.keys(this.responses())
      .filter((code) => /^\d{3}$/.test(code))
      .map(Number);
  }

  private responses(): JsonObject {
    const responses = this.operation['responses'];
    return isObject(responses) ? responses : {};
  }

  validateResponse(response: ResponseUnderTest): Verdict {
    const documented = this.responses()[String(response.status)];
    if (!isObject(documented)) {
      return verdict([
        {
          in: 'status',
          pointer: '',
          keyword: 'status',
          message: `status ${response.status} is not documented (documented: ${this.documentedStatuses().join(', ')})`,
        },
      ]);
    }
    const content = isObject(documented['content']) ? documented['content'] : {};
    const types = Object.keys(content).map((type) => type.toLowerCase());
    const issues: SpecIssue[] = [];
    if (types.length > 0 && !types.includes(mediaType(response.contentType))) {
      issues.push({
        in: 'header',
        pointer: '/content-type',
        keyword: 'content-type',
        message: `Content-Type ${mediaType(response.contentType) || '(none)'} is not one of ${types.join(', ')}`,
      });
    }
    const result = this.api.validateResponse(response.body, this.routed, response.status);
    for (const error of result.errors ?? []) issues.push(fromAjv(error, 'body', error.instancePath));
    return verdict(issues);
  }

  /** The resolved JSON body schema the spec documents for a status, if any. */
  responseSchema(status: number): JsonObject | undefined {
    const documented = this.responses()[String(status)];
    const content = isObject(documented) && isObject(documented['content']) ? documented['content'] : {};
    const json = Object.entries(content).find(([type]) => mediaType(type) === 'application/json')?.[1];
    return isObject(json) && isObject(json['schema']) ? json['schema'] : undefined;
  }

  /** Validates a value against one of `components.schemas`, as resolved from the spec. */
  validateComponent(name: string, value: unknown): Verdict {
    let validate = this.componentValidators.get(name);
    if (!validate) {
      const schema = (this.definition['components'] as JsonObject | undefined)?.['schemas'] as JsonObject | undefined;
      const component = schema?.[name];
      if (!isObject(component)) throw new Error(`${this.spec.source}: no components.schemas.${name}`);
      validate = this.ajv.compile(component);
      this.componentValidators.set(name, validate);
    }
    validate(value);
    return verdict((validate.errors ?? []).map((error) => fromAjv(error, 'body', error.instancePath)));
  }
}

/**
 * The security requirements that apply to the operation (its own, else the document's), each as the
 * request headers it needs. A scheme carried outside headers (query, cookie) can't be judged from a
 * RequestUnderTest and is taken as met; an empty requirement means the operation may be called openly.
 */
function securityAlternatives(document: JsonObject, operation: JsonObject): string[][] {
  const requirements = Array.isArray(operation['security'])
    ? operation['security']
    : Array.isArray(document['security'])
      ? document['security']
      : [];
  const schemes = ((document['components'] as JsonObject | undefined)?.['securitySchemes'] ?? {}) as JsonObject;
  const alternatives: string[][] = [];
  for (const requirement of requirements) {
    if (!isObject(requirement)) continue;
    const headers = Object.keys(requirement).flatMap((name): string[] => {
      const scheme = schemes[name];
      if (!isObject(scheme)) return [];
      if (scheme['type'] === 'apiKey')
        return scheme['in'] === 'header' && typeof scheme['name'] === 'string' ? [scheme['name']] : [];
      return ['http', 'oauth2', 'openIdConnect'].includes(String(scheme['type'])) ? ['Authorization'] : [];
    });
    if (headers.length === 0) return []; // this alternative needs nothing a request's headers must show
    alternatives.push(headers);
  }
  return alternatives;
}

let shared: SpecValidator | undefined;

/** The validator of the vendored spec, built once per process. */
export function specValidator(): SpecValidator {
  shared ??= new SpecValidator();
  return shared;
}
