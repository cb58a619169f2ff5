/**
 * A Logger for a terminal: plain lines, stage headings, and on a TTY a live clock while a stage runs. Every line is
 * escaped, since the CLI may run in a workflow step whose runner reads its output for commands.
 */
import { escapeLogText } from './log-escape.js';
import type { Logger } from './ports.js';

export function createTerminalLogger(stream: NodeJS.WriteStream): Logger {
  const live = stream.isTTY === true;
  let ticker: NodeJS.Timeout | undefined;
  let stageStartedMs = 0;
  let lastBuildEndMs = 0;
  let stageTitle = '';
  const clearLine = (): void => {
    if (live) stream.write('\r\x1b[2K');
  };
  const line = (text: string): void => {
    clearLine();
    stream.write(`${escapeLogText(text)}\n`);
  };
  return {
    info: (message) => line(message),
    warning: (message) => line(`warning: ${message}`),
    notice: (message) => line(`notice: ${message}`),
    progress: (message) => {
      lastBuildEndMs = performance.now();
      line(`  ${message}`);
    },
    async group(title, body) {
      line(`== ${title}`);
      stageTitle = escapeLogText(title).replace(/\n/g, ' ');
      stageStartedMs = performance.now();
      lastBuildEndMs = stageStartedMs;
      if (live) {
        ticker = setInterval(() => {
          const buildS = ((performance.now() - lastBuildEndMs) / 1000).toFixed(1);
          const stageS = ((performance.now() - stageStartedMs) / 1000).toFixed(0);
          clearLine();
          stream.write(`  … building for ${buildS} s (${stageTitle}, ${stageS} s so far)`);
        }, 200);
      }
      try {
        return await body();
      } finally {
        if (ticker) clearInterval(ticker);
        ticker = undefined;
        clearLine();
      }
    },
  };
}
