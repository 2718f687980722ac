import fc from 'fast-check';

/**
 * Content-Type values that name `application/json`, the one media type the operation's request body
 * documents: the bare type, any letter case, with parameters (`charset`), with or without spaces.
 */
export function jsonContentType(): fc.Arbitrary<string> {
  const type = fc.constantFrom('application/json', 'Application/JSON', 'APPLICATION/JSON');
  const parameter = fc.constantFrom(
    '',
    '; charset=utf-8',
    ';charset=UTF-8',
    '; charset="utf-8"',
    ' ; charset=utf-8',
    '; version=1',
  );
  return fc.tuple(type, parameter).map(([media, params]) => media + params);
}
