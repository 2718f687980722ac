/**
 * Runs numbered jobs on at most `workers` at once, so that the outcome cannot depend on how many workers
 * there are or on which job finishes first:
 * - jobs that share a key (a session id) never overlap, and run in index order, exactly as they would one
 *   after another: a case that sets up a session must not be disturbed by another case addressing it;
 * - a job is started in index order among those free to start, and `admit` may refuse one (the hang
 *   breaker): the caller decides by index, never by arrival, so a refusal is the same for any N;
 * - the first error (the states URL gone mid-run) stops new jobs, waits for the ones under way, and is thrown.
 */
export interface PoolJob<T> {
  readonly index: number;
  readonly item: T;
  /** Jobs sharing any key run one at a time, lower index first. */
  readonly keys: readonly string[];
}

export interface PoolOptions<T, R> {
  readonly workers: number;
  readonly run: (item: T, index: number) => Promise<R>;
  /** Called as each job ends, in the order they end. */
  readonly done: (index: number, result: R) => void;
  /** Whether a job may still start; jobs refused are not run. */
  readonly admit?: (index: number) => boolean;
}

/** For each job, the positions (in `jobs`) of the jobs it must wait for: the last earlier one for each of its keys. */
function predecessors<T>(jobs: readonly PoolJob<T>[]): number[][] {
  const lastWith = new Map<string, number>();
  return jobs.map((job, position) => {
    const keys = new Set(job.keys);
    const before = new Set<number>();
    for (const key of keys) {
      const earlier = lastWith.get(key);
      if (earlier !== undefined) before.add(earlier);
    }
    for (const key of keys) lastWith.set(key, position);
    return [...before];
  });
}

export async function runPool<T, R>(jobs: readonly PoolJob<T>[], options: PoolOptions<T, R>): Promise<void> {
  const waitFor = predecessors(jobs);
  const finished = new Array<boolean>(jobs.length).fill(false);
  const started = new Array<boolean>(jobs.length).fill(false);
  let running = 0;
  let failure: { error: unknown } | undefined;

  return new Promise<void>((resolve, reject) => {
    const settleIfIdle = () => {
      if (running > 0) return;
      if (failure) reject(failure.error);
      else resolve();
    };
    const execute = async (position: number, job: PoolJob<T>): Promise<void> => {
      try {
        options.done(job.index, await options.run(job.item, job.index));
      } catch (error) {
        failure ??= { error };
      } finally {
        running--;
        finished[position] = true;
        launch();
        settleIfIdle();
      }
    };
    const launch = (): void => {
      for (let position = 0; position < jobs.length && running < options.workers && !failure; position++) {
        if (started[position] || !waitFor[position]!.every((before) => finished[before])) continue;
        const job = jobs[position]!;
        started[position] = true;
        if (options.admit && !options.admit(job.index)) {
          finished[position] = true;
          continue;
        }
        running++;
        void execute(position, job);
      }
    };
    launch();
    settleIfIdle();
  });
}
