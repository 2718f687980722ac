/**
 * Reads what the official SDK's published types promise, from its .d.ts with the TypeScript compiler
 * (not a hand-written table), so the pacts' asks are judged against the SDK that is installed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import ts from 'typescript';

/** The v2 client's declarations: the types of the entry `import { BrowserUse } from 'browser-use-sdk'` resolves to. */
export function sdkDeclarationPath(): string {
  // Its package.json is not exported: find it above the resolved entry.
  let dir = dirname(createRequire(import.meta.url).resolve('browser-use-sdk'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    exports?: { '.'?: { import?: { types?: string } } };
    types?: string;
  };
  const types = manifest.exports?.['.']?.import?.types ?? manifest.types;
  if (!types) throw new Error(`browser-use-sdk at ${dir} publishes no types`);
  return join(dir, types);
}

export interface SdkComponentType {
  /** Properties the type declares, each with whether it may be left out (`name?:`). */
  readonly properties: ReadonlyMap<string, { readonly optional: boolean }>;
}

/** `components["schemas"][name]` of the SDK's generated OpenAPI types; undefined when it has none by that name. */
export function sdkComponentType(name: string, path = sdkDeclarationPath()): SdkComponentType | undefined {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false);
  const components = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'components',
  );
  const schemas = components && memberType(components.members, 'schemas');
  const component = schemas && ts.isTypeLiteralNode(schemas) ? memberType(schemas.members, name) : undefined;
  if (!component || !ts.isTypeLiteralNode(component)) return undefined;
  const properties = new Map<string, { optional: boolean }>();
  for (const member of component.members) {
    if (ts.isPropertySignature(member) && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) {
      properties.set(member.name.text, { optional: member.questionToken !== undefined });
    }
  }
  return { properties };
}

function memberType(members: ts.NodeArray<ts.TypeElement>, name: string): ts.TypeNode | undefined {
  const member = members.find(
    (m): m is ts.PropertySignature =>
      ts.isPropertySignature(m) && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) && m.name.text === name,
  );
  return member?.type;
}

/**
 * The component a client method resolves to — `Promise<X>` where `type X = components["schemas"][Name]`:
 * which of the SDK's types speaks for the 200 body of, say, `sessions.stop`.
 */
export function sdkMethodComponent(className: string, method: string, path = sdkDeclarationPath()): string | undefined {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false);
  const declared = source.statements.find(
    (s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === className,
  );
  const signature = declared?.members.find(
    (m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === method,
  );
  const returned = signature?.type;
  if (!returned || !ts.isTypeReferenceNode(returned) || returned.typeName.getText(source) !== 'Promise')
    return undefined;
  const inner = returned.typeArguments?.[0];
  if (!inner || !ts.isTypeReferenceNode(inner)) return undefined;
  const alias = source.statements.find(
    (s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === inner.typeName.getText(source),
  );
  const target = alias?.type;
  if (
    !target ||
    !ts.isIndexedAccessTypeNode(target) ||
    !ts.isLiteralTypeNode(target.indexType) ||
    !ts.isStringLiteral(target.indexType.literal)
  )
    return undefined;
  return target.indexType.literal.text;
}
