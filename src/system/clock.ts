/** The real clock. */
import type { Clock } from './ports.js';

export const systemClock: Clock = {
  nowMs: () => performance.now(),
  date: () => new Date(),
};
