import type { User } from '../generated/schema-types.js';

/** A profile as stored (and as returned to GraphQL: extra key attributes are ignored). */
export type ProfileRecord = Omit<User, 'items'> & { pk: string; sk: string };
