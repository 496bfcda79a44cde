import { ConfigError, type ConfigProblem, type LoadConfigOptions, loadConfig } from './config/load.js';
import { collectorPost } from './transport/collector-post.js';

export interface ValidateResult {
  ok: boolean;
  problems: ConfigProblem[];
}

/**
 * `sf-agent validate`: the settings from the file, the environment and the flags, checked as `run`
 * would check them — every problem at once, each with where it was given — and the files they name
 * read (the collector's CA). Opens no state, sends nothing, runs no collector: safe in an MDM
 * pre-deployment step (like `otelcol validate`).
 */
export async function validateSettings(options: LoadConfigOptions = {}): Promise<ValidateResult> {
  try {
    const config = await loadConfig(options);
    collectorPost(config);
    return { ok: true, problems: [] };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { ok: false, problems: error.problems.length > 0 ? [...error.problems] : [{ field: '', message: error.message }] };
  }
}

/** One line per problem: `latency.count: Too small… (/etc/sf-agent/agent.yaml line 3)`. */
export function describeProblem(problem: ConfigProblem): string {
  return `${problem.field ? `${problem.field}: ` : ''}${problem.message}${problem.source ? ` (${problem.source})` : ''}`;
}
