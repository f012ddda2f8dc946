// util.math
import { host } from './host.js';

export const math = {
  roundNum: (n) => Math.round(n),
  minVal: (a, b) => Math.min(a, b),
  maxVal: (a, b) => Math.max(a, b),
  randomDouble: () => host.random(),
  randomWithinRange: (lo, hi) => Math.floor(host.random() * (hi - lo + 1)) + lo,
};
