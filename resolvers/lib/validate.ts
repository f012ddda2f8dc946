import { util } from '@aws-appsync/utils';

// Bounds that keep every item far below DynamoDB's 400 KB item limit:
// title 200 + 20 tags × 50 + name/email ≈ 2 KB at most.
export const LIMITS = {
  titleMax: 200,
  displayNameMax: 100,
  emailMax: 254,
  tagsMax: 20,
  tagMax: 50,
  priorityMin: 0,
  priorityMax: 10,
  pageDefault: 20,
  pageMax: 100,
};

function fail(message: string, field: string): never {
  util.error(message, 'ValidationError', null, { field });
}

/** A required or optional bounded, non-blank string. */
export function checkText(value: string | null | undefined, field: string, max: number): void {
  if (value === undefined || value === null) return;
  if (value.trim().length === 0) fail(`${field} must not be blank`, field);
  if (value.length > max) fail(`${field} must be at most ${max} characters`, field);
}

export function checkPriority(value: number | null | undefined): void {
  if (value === undefined || value === null) return;
  if (value < LIMITS.priorityMin || value > LIMITS.priorityMax) {
    fail(`priority must be between ${LIMITS.priorityMin} and ${LIMITS.priorityMax}`, 'priority');
  }
}

export function checkTags(tags: string[] | null | undefined): void {
  if (tags === undefined || tags === null) return;
  if (tags.length > LIMITS.tagsMax) fail(`at most ${LIMITS.tagsMax} tags are allowed`, 'tags');
  for (const tag of tags) {
    checkText(tag, 'tags', LIMITS.tagMax);
  }
}

/** Page size: default 20, 1..100. */
export function pageLimit(limit: number | null | undefined): number {
  if (limit === undefined || limit === null) return LIMITS.pageDefault;
  if (limit < 1 || limit > LIMITS.pageMax) fail(`limit must be between 1 and ${LIMITS.pageMax}`, 'limit');
  return limit;
}
