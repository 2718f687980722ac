import { UsageError } from './flags.ts';

export async function run(_argv: string[]): Promise<number> {
  throw new UsageError('serve is not implemented yet');
}
