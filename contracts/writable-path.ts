/** Where a report is to be written, checked before a run so a bad path never costs one (nor its verdict). */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** The nearest ancestor of `path` that exists but is not a folder: why a folder could not be made there. */
export function fileInTheWay(path: string): string | undefined {
  for (let current = dirname(path); current !== dirname(current); current = dirname(current)) {
    try {
      return statSync(current).isDirectory() ? undefined : current;
    } catch {
      // Not there yet: look further up.
    }
  }
  return undefined;
}

/** Why `path` could not be written to as it stands, in words; undefined when it looks writable. */
export function unwritableReason(path: string): string | undefined {
  const file = fileInTheWay(path);
  if (file !== undefined) return `${file} is a file, not a folder`;
  try {
    if (statSync(path).isDirectory()) return 'that is a folder; give a file name';
  } catch {
    // Not there yet: its folder decides.
  }
  let folder = dirname(path);
  for (;;) {
    try {
      statSync(folder);
      break;
    } catch {
      if (folder === dirname(folder)) break;
      folder = dirname(folder);
    }
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    return `no permission to write in ${folder}`;
  }
  return undefined;
}
