/** The bundle's entry: starts the Action, then ends the process once its output is written. */
import { run } from './action.js';
import { exitWhenWritten } from './system/exit-process.js';

await run();
// A request given up on at its time limit may keep a socket open; the step is done, so the process ends here.
await exitWhenWritten();
