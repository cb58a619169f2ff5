/** The bundle's entry: starts the Action. */
import { run } from './action.js';

await run();
