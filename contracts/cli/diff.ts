import { UsageError } from './flags.ts';

export async function run(_argv: string[]): Promise<number> {
  throw new UsageError('diff is not implemented yet');
}
