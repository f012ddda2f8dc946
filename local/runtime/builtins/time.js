// util.time: the sandbox's only clock (Date is absent). Formatting and
// parsing are lent by the host, primitives only.
import { host } from './host.js';

export const time = {
  nowISO8601: () => host.iso(host.now()),
  nowEpochSeconds: () => Math.floor(host.now() / 1000),
  nowEpochMilliSeconds: () => host.now(),
  nowFormatted: (format, zone) => host.format(host.now(), format, zone || 'UTC'),
  parseFormattedToEpochMilliSeconds: (s, format, zone) => host.parse(s, format, zone || 'UTC'),
  parseISO8601ToEpochMilliSeconds: (s) => host.parseIso(s),
  epochMilliSecondsToSeconds: (ms) => Math.floor(ms / 1000),
  epochMilliSecondsToISO8601: (ms) => host.iso(ms),
  epochMilliSecondsToFormatted: (ms, format, zone) => host.format(ms, format, zone || 'UTC'),
};
