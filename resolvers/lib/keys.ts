// Single-table key builders. Every item lives under its owner's partition, so
// ownership is enforced by the key itself, not by filtering. The key design and
// access patterns are written down once, in CONTRIBUTING.md ("Access patterns
// and keys"); test/docs/contributing.test.ts holds that table to these builders.

export const PROFILE_SK = 'PROFILE';
export const ITEM_PREFIX = 'ITEM#';
export const EMAIL_SK = 'EMAIL';
export const QUOTA_SK = 'QUOTA';
export const STATUS_INDEX = 'byStatus';

export function userPk(userId: string): string {
  return `USER#${userId}`;
}

export function itemSk(itemId: string): string {
  return `${ITEM_PREFIX}${itemId}`;
}

export function statusPk(userId: string, status: string): string {
  return `USER#${userId}#STATUS#${status}`;
}

/** `email` is already normalised (lib/email.ts). */
export function emailPk(email: string): string {
  return `EMAIL#${email}`;
}
