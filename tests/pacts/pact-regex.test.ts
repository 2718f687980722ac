/**
 * The Pact matchers' regexes mean in Pact's engine what the spec's pattern means in ECMA-262.
 * Three layers: they are written in the common subset of both dialects; in ECMA-262 the decimal regex
 * accepts exactly what the spec's pattern accepts (exhaustively for short strings, by property for long
 * ones); and Pact's own core, asked through its mock server, agrees with ECMA-262 on every probe.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUuid } from '../../contracts/formats.ts';
import {
  PACT_DATE_TIME_REGEX,
  PACT_DECIMAL_REGEX,
  PACT_JSON_CONTENT_TYPE_REGEX,
  PACT_UUID_REGEX,
  commonSubsetViolation,
  enumRegex,
} from '../../contracts/pacts/patterns.ts';
import { VENDORED_SPEC_PATH } from '../../contracts/spec.ts';
import { PACT_CHECK_SEED } from '../../contracts/config.ts';
import { PACTS_DIR, listPactFiles } from '../../contracts/pacts/files.ts';
import { integerFromEnv } from '../seed.ts';

const SEED = integerFromEnv('FC_SEED', PACT_CHECK_SEED);
console.info(`tests/pacts regex properties: seed ${SEED} (FC_SEED=<n> replays another)`);
const specPattern = /pattern: (.*)$/m.exec(readFileSync(VENDORED_SPEC_PATH, 'utf8'))![1]!;
const spec = new RegExp(specPattern, 'u');
const pactDecimal = new RegExp(PACT_DECIMAL_REGEX, 'u');

/** The characters that matter to the decimal pattern, and characters that look like them but aren't. */
const ALPHABET = ['0', '7', '+', '-', '.', 'e', ' ', ',', '٣', '１', '\n', '_'];

function* allStrings(alphabet: readonly string[], maxLength: number): Generator<string> {
  let layer = [''];
  yield '';
  for (let length = 1; length <= maxLength; length++) {
    layer = layer.flatMap((prefix) => alphabet.map((c) => prefix + c));
    yield* layer;
  }
}

describe('Pact regexes are in the common subset of Pact’s dialect and ECMA-262', () => {
  const all = {
    PACT_DECIMAL_REGEX,
    PACT_UUID_REGEX,
    PACT_DATE_TIME_REGEX,
    PACT_JSON_CONTENT_TYPE_REGEX,
    status: enumRegex(['active', 'stopped']),
  };
  for (const [name, regex] of Object.entries(all)) {
    it(`${name} uses nothing outside it`, () => expect(commonSubsetViolation(regex)).toBeUndefined());
  }

  it('the subset check refuses what differs between dialects', () => {
    expect(commonSubsetViolation(specPattern)).toMatch(/shorthand|lookaround/);
    expect(commonSubsetViolation('^\\d+$')).toMatch(/shorthand/);
    expect(commonSubsetViolation('^(?=1)[0-9]$')).toMatch(/lookaround/);
    expect(commonSubsetViolation('^a.b$')).toMatch(/unescaped/);
    expect(commonSubsetViolation('[0-9]+')).toMatch(/anchored/);
    expect(commonSubsetViolation('^[0-9.]$')).toBeUndefined();
  });
});

describe('the Pact decimal regex accepts exactly what the spec’s pattern accepts (ECMA-262)', () => {
  it('for every string of up to 4 characters over the pattern’s alphabet and its look-alikes', () => {
    let count = 0;
    for (const s of allStrings(ALPHABET, 4)) {
      count++;
      if (pactDecimal.test(s) !== spec.test(s))
        expect.fail(`disagree on ${JSON.stringify(s)}: pact ${pactDecimal.test(s)}, spec ${spec.test(s)}`);
    }
    expect(count).toBeGreaterThan(20_000);
  });

  it('for long strings: generated decimals, their mutations and noise', () => {
    const digits = fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), maxLength: 30 });
    const decimalLike = fc
      .tuple(fc.constantFrom('', '+', '-'), digits, fc.constantFrom('', '.'), digits)
      .map((parts) => parts.join(''));
    const mutated = fc
      .tuple(decimalLike, fc.nat(), fc.constantFrom(...ALPHABET, 'E', '\u0660', '\t'))
      .map(([s, at, c]) => s.slice(0, at % (s.length + 1)) + c + s.slice(at % (s.length + 1)));
    const noise = fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 40 });
    fc.assert(
      fc.property(fc.oneof(decimalLike, mutated, noise), (s) => pactDecimal.test(s) === spec.test(s)),
      { seed: SEED, numRuns: 5_000 },
    );
  });

  it('the uuid regex is JSON Schema’s uuid format exactly', () => {
    const hex = fc.constantFrom(...'0123456789abcdefABCDEFgG-'.split(''));
    const uuidLike = fc
      .tuple(...[8, 4, 4, 4, 12].map((n) => fc.string({ unit: hex, minLength: n - 1, maxLength: n + 1 })))
      .map((p) => p.join('-'));
    const uuidRe = new RegExp(PACT_UUID_REGEX, 'u');
    fc.assert(
      fc.property(fc.oneof(uuidLike, fc.uuid(), fc.string()), (s) => uuidRe.test(s) === isUuid(s)),
      { seed: SEED, numRuns: 3_000 },
    );
  });
});

/**
 * Asks Pact's own core: one interaction whose request body field carries the regex matcher; every probe
 * is sent through the mock server, which answers 204 when its matcher accepts the value and 500 when not.
 */
async function pactCoreAccepts(regex: string, probes: readonly string[]): Promise<Map<string, boolean>> {
  const verdicts = new Map<string, boolean>();
  const pact = new PactV4({
    consumer: 'regex-probe',
    provider: 'regex-probe',
    dir: mkdtempSync(join(tmpdir(), 'bu-probe-')),
    logLevel: 'error',
  });
  await pact
    .addInteraction()
    .uponReceiving('a probe')
    .withRequest('POST', '/probe', (builder) => {
      builder.jsonBody({ value: MatchersV3.regex(regex, '1') });
    })
    .willRespondWith(204)
    .executeTest(async (mock) => {
      for (const value of probes) {
        const response = await fetch(`${mock.url}/probe`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ value }),
        });
        verdicts.set(value, response.status === 204);
      }
    })
    .catch(() => undefined); // the mismatches we provoked on purpose fail the interaction
  return verdicts;
}

describe('Pact’s core agrees with ECMA-262 on the decimal regex', () => {
  it('the probe tells a refusal from an acceptance', async () => {
    const core = await pactCoreAccepts('^[0-9]+$', ['12', '1.5']);
    expect([...core]).toEqual([
      ['12', true],
      ['1.5', false],
    ]);
  });

  it('on edge cases and generated probes', async () => {
    const edges = [
      '0',
      '1.',
      '.5',
      '+.5',
      '-0',
      '007',
      '1.2.3',
      '',
      '+',
      '-',
      '.',
      '+.',
      '1e5',
      '1,5',
      ' 1',
      '1 ',
      '1\n',
      '\n1',
      '1\n2',
      '٣',
      '１',
      '+-1',
      '0x1',
    ];
    const generated = fc.sample(fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 1, maxLength: 6 }), {
      seed: SEED,
      numRuns: 120,
    });
    const probes = [...new Set([...edges, ...generated])];
    const core = await pactCoreAccepts(PACT_DECIMAL_REGEX, probes);
    expect(core.size).toBe(probes.length);
    const disagreements = probes.filter((s) => core.get(s) !== spec.test(s));
    expect(disagreements).toEqual([]);
  });
});

describe('the committed pact uses these regexes and no others', () => {
  it('every regex in pacts/ (every file, subfolders included) is one of the dialect-neutral ones', () => {
    const known = new Set([PACT_DECIMAL_REGEX, PACT_UUID_REGEX, PACT_DATE_TIME_REGEX, PACT_JSON_CONTENT_TYPE_REGEX]);
    const pact = listPactFiles(PACTS_DIR)
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n');
    const regexes = [...pact.matchAll(/"regex": ("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]!) as string);
    expect(regexes.length).toBeGreaterThan(0);
    for (const regex of regexes) {
      expect(commonSubsetViolation(regex)).toBeUndefined();
      if (!known.has(regex)) expect(regex).toMatch(/^\^\([a-z_|]+\)\$$/); // an enum
    }
  });
});
