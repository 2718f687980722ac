/** Which pact files a folder holds: its own, then its subfolders', never a file being written. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTSIDE_SPEC_PACT, PACTS_DIR, PUBLISHED_PACT, listPactFiles } from '../../contracts/pacts/files.ts';

describe('listPactFiles', () => {
  it('lists a folder’s .json files, then its subfolders’, skipping dot-entries and other files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bu-pact-files-'));
    mkdirSync(join(dir, 'a-sub'));
    mkdirSync(join(dir, '.hidden'));
    for (const name of ['z.json', 'b.json', '.b.json.tmp-1', 'notes.md', 'a-sub/c.json', '.hidden/d.json'])
      writeFileSync(join(dir, name), '{}');
    expect(listPactFiles(dir)).toEqual([join(dir, 'b.json'), join(dir, 'z.json'), join(dir, 'a-sub', 'c.json')]);
  });

  it('finds both committed pacts: the published one and the one outside the spec', () => {
    expect(listPactFiles(PACTS_DIR)).toEqual([PUBLISHED_PACT, OUTSIDE_SPEC_PACT]);
  });
});
