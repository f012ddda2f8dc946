// Single-table key design. Every item lives under its owner's partition, so
// ownership is enforced by the key itself, not by filtering.
//   profile:      pk USER#<sub>                 sk PROFILE
//   item:         pk USER#<sub>                 sk ITEM#<ulid>
//   item quota:   pk USER#<sub>                 sk QUOTA      (itemCount, see quota.ts)
//   email guard:  pk EMAIL#<normalised email>   sk EMAIL      (unique emails, see email.ts)
//   byStatus GSI: gsi1pk USER#<sub>#STATUS#<s>  gsi1sk <ulid> (newest first by ULID)

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
