// runtime (earlyReturn) and extensions (subscription filters, invalidation,
// API cache eviction): both record into the evaluation's state.
import { EARLY, current } from './state.js';

export const runtime = {
  earlyReturn(value) {
    throw { [EARLY]: { value: value === undefined ? null : value } };
  },
};

export const extensions = {
  setSubscriptionFilter(f) { current().extensions.subscriptionFilter = f; },
  setSubscriptionInvalidationFilter(f) { current().extensions.subscriptionInvalidationFilter = f; },
  invalidateSubscriptions(o) { (current().extensions.invalidateSubscriptions ||= []).push(o); },
  evictFromApiCache(typeName, fieldName, keys) { (current().extensions.evictFromApiCache ||= []).push({ typeName, fieldName, keys }); },
};
