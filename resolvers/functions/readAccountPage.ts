// Pipeline function: the first page of the caller's partition, keys (and the
// profile's email) only, strongly consistent so that every write committed
// before the leaving mark is seen. Records sort by sk: children (ITEM#…) come
// before the account's own records (LEAVING, PROFILE, QUOTA).
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { ACCOUNT_PAGE } from '../lib/account.js';
import { failOnDataSourceError } from '../lib/errors.js';
import { userPk } from '../lib/keys.js';

export interface AccountRecord {
  pk: string;
  sk: string;
  email?: string;
}

export interface AccountPage {
  records: AccountRecord[];
  more: boolean;
}

export function request(ctx: Context): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    query: {
      expression: '#pk = :pk',
      expressionNames: { '#pk': 'pk' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': userPk(ctx.stash.userId) }),
    },
    projection: { expression: '#pk, #sk, #email', expressionNames: { '#pk': 'pk', '#sk': 'sk', '#email': 'email' } },
    consistentRead: true,
    limit: ACCOUNT_PAGE,
  };
}

export function response(ctx: Context): AccountPage {
  failOnDataSourceError(ctx);
  return { records: ctx.result.items ?? [], more: !!ctx.result.nextToken };
}
