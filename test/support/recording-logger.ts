/** A Logger that keeps every line, for assertions. */
import type { Logger } from '../../src/system/ports.js';

export interface RecordingLogger extends Logger {
  readonly lines: string[];
  readonly warnings: string[];
  readonly notices: string[];
}

export function createRecordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const warnings: string[] = [];
  const notices: string[] = [];
  return {
    lines,
    warnings,
    notices,
    info: (message) => lines.push(message),
    warning: (message) => {
      warnings.push(message);
      lines.push(`warning: ${message}`);
    },
    notice: (message) => {
      notices.push(message);
      lines.push(`notice: ${message}`);
    },
    progress: (message) => lines.push(message),
    group: async (title, body) => {
      lines.push(`== ${title}`);
      return body();
    },
  };
}
