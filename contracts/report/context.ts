/** What a report needs from the run's settings besides the result: where the other reports went, which pacts. */
export interface ReportContext {
  /** The JSON report's path when `--json` was given: shortened text points there for the rest. */
  readonly jsonPath?: string | undefined;
  /** The pact folder: a skipped verification still lists its interactions, each as skipped. */
  readonly pactDir?: string | undefined;
}
