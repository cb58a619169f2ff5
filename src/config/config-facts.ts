/** What parsing the inputs needs to know about the machine and the run, gathered by the caller. */
import type { PathFacts } from '../system/ports.js';

/** Facts about the machine the config depends on, gathered by the caller. */
export interface ConfigFacts {
  /** Directory relative paths are resolved against (the workspace on a runner). */
  readonly baseDirectory: string;
  /** Whether `<working-directory>/Cargo.toml` exists. */
  readonly hasCargoManifest: (workingDirectory: string) => boolean;
  /** What is at a path, to reject a missing working directory or a results path that is a folder. */
  readonly pathKind?: (absolutePath: string) => 'file' | 'directory' | 'missing';
  /** Where paths lead and whether the results can be written; absent, those checks are skipped. */
  readonly paths?: PathFacts;
  /** The run is for a pull request (`compare-to: auto` then builds its base); absent: it is not. */
  readonly pullRequest?: boolean;
}
