/**
 * Edge cases of the spec's string formats, in the style of the JSON Schema test suite (whose uuid and
 * date-time cases, tests/draft2020-12/optional/format/, are included). Every case is put to each judge
 * that decides it in this suite: the function in contracts/formats.ts, the spec validator's Ajv, and
 * the zod schema of a field that has the format.
 */
import { describe, expect, it } from 'vitest';
import { isDateTime, isDecimalString, isUuid } from '../../contracts/formats.ts';
import { SessionView, TaskItemView } from '../../contracts/schemas.ts';
import { specAjv } from '../../contracts/validator.ts';
import { SPEC_DECIMAL_PATTERN, specDecimalRegExp } from './spec-pattern.ts';

type Row = readonly [description: string, value: string, valid: boolean];

const ajv = specAjv();

function judgedAlike(rows: readonly Row[], judges: Record<string, (value: string) => boolean>): void {
  it.each(rows)('%s: %j', (_description, value, valid) => {
    const verdicts = Object.fromEntries(Object.entries(judges).map(([name, judge]) => [name, judge(value)]));
    expect(verdicts).toEqual(Object.fromEntries(Object.keys(judges).map((name) => [name, valid])));
  });
}

describe('uuid', () => {
  const rows: Row[] = [
    ['all upper-case', '2EB8AA08-AA98-11EA-B4AA-73B441D16380', true],
    ['all lower-case', '2eb8aa08-aa98-11ea-b4aa-73b441d16380', true],
    ['mixed case', '2eb8aa08-AA98-11ea-B4Aa-73B441D16380', true],
    ['all zeroes (nil)', '00000000-0000-0000-0000-000000000000', true],
    ['all f (max)', 'ffffffff-ffff-ffff-ffff-ffffffffffff', true],
    ['valid version 4', '98d80576-482e-427f-8434-7f86890ab222', true],
    ['valid version 5', '99c17cbb-656f-564a-940f-1a4568f03487', true],
    ['hypothetical version 6', '99c17cbb-656f-664a-940f-1a4568f03487', true],
    ['hypothetical version 15', '99c17cbb-656f-f64a-940f-1a4568f03487', true],
    ['version 0 and an NCS variant nibble', '99c17cbb-656f-064a-040f-1a4568f03487', true],
    ['wrong length', '2eb8aa08-aa98-11ea-b4aa-73b441d1638', false],
    ['missing section', '2eb8aa08-aa98-11ea-73b441d16380', false],
    ['bad characters (not hex)', '2eb8aa08-aa98-11ea-b4ga-73b441d16380', false],
    ['no dashes', '2eb8aa08aa9811eab4aa73b441d16380', false],
    ['too few dashes', '2eb8aa08aa98-11ea-b4aa73b441d16380', false],
    ['too many dashes', '2eb8-aa08-aa98-11ea-b4aa73b44-1d16380', false],
    ['dashes in the wrong spot', '2eb8aa08aa9811eab4aa73b441d16380----', false],
    ['shifted dashes', '2eb8aa0-8aa98-11e-ab4aa7-3b441d16380', false],
    ['urn:uuid: prefix', 'urn:uuid:2eb8aa08-aa98-11ea-b4aa-73b441d16380', false],
    ['braces', '{2eb8aa08-aa98-11ea-b4aa-73b441d16380}', false],
    ['leading space', ' 2eb8aa08-aa98-11ea-b4aa-73b441d16380', false],
    ['trailing newline', '2eb8aa08-aa98-11ea-b4aa-73b441d16380\n', false],
    ['a fullwidth digit', '2eb8aa08-aa98-11ea-b4aa-73b441d1638１', false],
    ['an Arabic-Indic digit', '2eb8aa08-aa98-11ea-b4aa-73b441d1638٣', false],
    ['empty', '', false],
  ];
  const ajvUuid = ajv.compile({ type: 'string', format: 'uuid' });
  judgedAlike(rows, {
    isUuid,
    ajv: (value) => ajvUuid(value),
    zod: (value) => TaskItemView.shape.id.safeParse(value).success,
  });
});

describe('date-time', () => {
  const rows: Row[] = [
    ['a valid date-time string', '1963-06-19T08:30:06.283185Z', true],
    ['without second fraction', '1963-06-19T08:30:06Z', true],
    ['with plus offset', '1937-01-01T12:00:27.87+00:20', true],
    ['with minus offset', '1990-12-31T15:59:50.123-08:00', true],
    ['offset -00:00 (unknown local offset)', '1990-12-31T15:59:50-00:00', true],
    ['offset +23:59', '1990-12-31T15:59:50+23:59', true],
    ['a leap second, UTC', '1998-12-31T23:59:60Z', true],
    ['a leap second, with minus offset', '1998-12-31T15:59:60.123-08:00', true],
    ['a leap second, with plus offset (23:59 UTC the day before)', '1999-01-01T00:59:60+01:00', true],
    ['past leap second, UTC', '1998-12-31T23:59:61Z', false],
    ['leap second on a wrong minute, UTC', '1998-12-31T23:58:60Z', false],
    ['leap second on a wrong hour, UTC', '1998-12-31T22:59:60Z', false],
    ['leap second at 23:59 local time but 22:59 UTC', '1998-12-31T23:59:60+01:00', false],
    ['Feb 29 in a leap year', '2020-02-29T00:00:00Z', true],
    ['Feb 29 in a leap year divisible by 400', '2000-02-29T00:00:00Z', true],
    ['Feb 29 in a non-leap year', '2019-02-29T00:00:00Z', false],
    ['Feb 29 in a century year not divisible by 400', '1900-02-29T00:00:00Z', false],
    ['Feb 30', '2020-02-30T00:00:00Z', false],
    ['an invalid day in date-time string', '1990-02-31T15:59:59.123-08:00', false],
    ['Apr 31', '2021-04-31T00:00:00Z', false],
    ['Dec 31', '2021-12-31T23:59:59Z', true],
    ['month 13', '2021-13-01T00:00:00Z', false],
    ['day 00', '2021-01-00T00:00:00Z', false],
    ['year 0000', '0000-01-01T00:00:00Z', true],
    ['an invalid offset (-24:00)', '1990-12-31T15:59:59-24:00', false],
    ['an invalid offset (+24:00)', '1990-12-31T15:59:59+24:00', false],
    ['an invalid closing Z after time-zone offset', '1963-06-19T08:30:06.28123+01:00Z', false],
    ['an invalid hour', '1990-12-31T24:00:00Z', false],
    ['an invalid minute', '1990-12-31T15:60:00Z', false],
    ['an invalid offset minute', '1990-12-31T10:00:00+10:60', false],
    ['an invalid date-time string', '06/19/1963 08:30:06 PST', false],
    ['case-insensitive T and Z', '1963-06-19t08:30:06.283185z', true],
    ['lower-case t only', '1963-06-19t08:30:06Z', true],
    ['space separator', '1963-06-19 08:30:06Z', false],
    ['no offset', '1963-06-19T08:30:06', false],
    ['offset without colon', '1963-06-19T08:30:06+0100', false],
    ['only RFC3339 not all of ISO 8601 are valid', '2013-350T01:01:01', false],
    ['non-padded month', '1963-6-19T08:30:06.283185Z', false],
    ['non-padded day', '1963-06-1T08:30:06.283185Z', false],
    ["non-ASCII '৪' (a Bengali 4) in date portion", '1963-06-1৪T00:00:00Z', false],
    ["non-ASCII '৪' (a Bengali 4) in time portion", '1963-06-11T0৪:00:00Z', false],
    ['extended year', '+11963-06-19T08:30:06.283185Z', false],
    ['a second fraction of fifteen nines', '1985-04-12T00:59:59.999999999999999Z', true],
    ['a fraction dot without digits', '1985-04-12T00:59:59.Z', false],
    ['a comma before the fraction', '1985-04-12T00:59:59,5Z', false],
    ['trailing newline', '1985-04-12T00:59:59Z\n', false],
    ['a date alone', '1985-04-12', false],
    ['empty', '', false],
  ];
  const ajvDateTime = ajv.compile({ type: 'string', format: 'date-time' });
  judgedAlike(rows, {
    isDateTime,
    ajv: (value) => ajvDateTime(value),
    zod: (value) => SessionView.shape.startedAt.safeParse(value).success,
  });
});

describe('decimal string', () => {
  const rows: Row[] = [
    ['zero', '0', true],
    ['money', '12.50', true],
    ['small', '0.000123', true],
    ['a bare leading dot', '.5', true],
    ['a sign and a bare leading dot', '-.5', true],
    ['plus and a bare leading dot', '+.5', true],
    ['a bare trailing dot', '1.', true],
    ['zero and a bare trailing dot', '0.', true],
    ['leading zeros', '00.50', true],
    ['leading zeros, integer', '007', true],
    ['explicit plus', '+1', true],
    ['negative zero', '-0', true],
    ['long', '1234567890.0987654321', true],
    ['an Arabic-Indic digit', '٣', false],
    ['a fullwidth digit', '１', false],
    ['an Arabic-Indic digit among ASCII ones', '1٣.5', false],
    ['a digit outside the BMP', '𝟙', false],
    ['an exponent', '1e5', false],
    ['a negative exponent, as Python prints Decimal', '1E-7', false],
    ['a leading space', ' 1', false],
    ['a trailing space', '1 ', false],
    ['a tab', '\t1', false],
    ['a trailing newline', '1\n', false],
    ['a comma', '1,5', false],
    ['a thousands separator', '1,000.00', false],
    ['a bare plus', '+', false],
    ['a bare minus', '-', false],
    ['a bare dot', '.', false],
    ['a sign and a dot', '+.', false],
    ['a minus and a dot', '-.', false],
    ['two dots', '..', false],
    ['empty', '', false],
    ['two signs', '+-1', false],
    ['a trailing sign', '1-', false],
    ['two decimal points', '1.2.3', false],
    ['NaN', 'NaN', false],
    ['Infinity', 'Infinity', false],
    ['hex', '0x10', false],
    ['an underscore separator', '1_000', false],
  ];
  const ajvDecimal = ajv.compile({ type: 'string', pattern: SPEC_DECIMAL_PATTERN });
  judgedAlike(rows, {
    isDecimalString,
    specRegExp: (value) => specDecimalRegExp.test(value),
    ajv: (value) => ajvDecimal(value),
    zod: (value) => SessionView.shape.proxyCost.safeParse(value).success,
  });
});

describe('formats apply to strings only, as JSON Schema says', () => {
  it.each([12, 13.7, {}, [], false, null])('%j passes format uuid and date-time alone', (value) => {
    expect(ajv.validate({ format: 'uuid' }, value)).toBe(true);
    expect(ajv.validate({ format: 'date-time' }, value)).toBe(true);
  });
});
