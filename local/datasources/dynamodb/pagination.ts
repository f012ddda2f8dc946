// Turning a client's nextToken into ExclusiveStartKey and LastEvaluatedKey into
// the next token, both bound to the scope of the query that issued them.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { OperationContext } from './context.js';
import { decodeToken, encodeToken, tokenScope } from './token.js';

export interface Page {
  scope: Buffer;
  startKey?: Record<string, AttributeValue>;
}

/** Throws InvalidTokenError when the token was not issued for this scope. */
export function openPage(ctx: OperationContext, scopeParts: Record<string, unknown>, nextToken: string | undefined): Page {
  const scope = tokenScope(scopeParts);
  return nextToken === undefined ? { scope } : { scope, startKey: decodeToken(ctx.tokenSecret, scope, nextToken) };
}

export function nextTokenFor(ctx: OperationContext, page: Page, lastKey: Record<string, AttributeValue> | undefined): string | null {
  return lastKey ? encodeToken(ctx.tokenSecret, page.scope, lastKey) : null;
}
