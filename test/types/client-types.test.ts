// Type-level tests: variables and results of the typed client and of the
// generated documents are typed. The assertions are checked by the compiler —
// typecheck.test.ts runs tsc over this folder and fails on any error, including
// a `@ts-expect-error` that no longer finds an error (i.e. typing got looser).
import { describe, expectTypeOf, it } from 'vitest';
import type { VariablesOf } from '@graphql-typed-document-node/core';
import { createClient, type AppSyncClient, type FrontendConfig } from '../../client/index.js';
import {
  CreateItemDocument,
  DeleteItemDocument,
  GetItemDocument,
  ListItemsDocument,
  MeDocument,
  OnCreateItemDocument,
  UpdateItemDocument,
  type CreateItemMutation,
  type GetItemQuery,
  type ItemStatus,
  type ListItemsQueryVariables,
  type OnCreateItemSubscription,
  type Scalars,
} from '../../client/generated/graphql.js';
import type { ApolloClient } from '@apollo/client';
import type { Client } from 'aws-amplify/api';
import * as amplifyDocs from '../../client/generated/amplify.js';

const config: FrontendConfig = {
  graphqlEndpoint: 'http://localhost:1/graphql',
  realtimeEndpoint: 'ws://localhost:1/graphql/realtime',
  region: 'us-east-1',
  defaultAuthMode: 'API_KEY',
  additionalAuthModes: [],
};
const client: AppSyncClient = createClient(config, { apiKey: 'k' });

// Third-party clients, declared for the type checker only (nothing runs).
declare const apollo: ApolloClient;
declare const amplify: Client;

/** Type-level only: never called at run time. */
function typeOnly(fn: () => unknown): void {
  void fn;
}

describe('typed client', () => {
  it('types request results from the document', () => {
    typeOnly(() => {
      expectTypeOf(client.request(GetItemDocument, { itemId: 'x' })).resolves.toEqualTypeOf<GetItemQuery>();
      expectTypeOf(client.request(CreateItemDocument, { input: { title: 't' } })).resolves.toEqualTypeOf<CreateItemMutation>();
    });
    type Got = NonNullable<GetItemQuery['getItem']>;
    expectTypeOf<Got['status']>().toEqualTypeOf<ItemStatus>();
    expectTypeOf<ItemStatus>().toEqualTypeOf<'TODO' | 'IN_PROGRESS' | 'DONE'>();
    expectTypeOf<Got['version']>().toEqualTypeOf<number>();
    expectTypeOf<Got['priority']>().toEqualTypeOf<number | null>();
    expectTypeOf<Got['createdAt']>().toEqualTypeOf<string>();
    expectTypeOf<Got['tags']>().toEqualTypeOf<string[] | null>();
    // AppSync always sends selected fields: nullable, never optional.
    expectTypeOf<GetItemQuery>().toEqualTypeOf<{ getItem: Got | null }>();
  });

  it('types request variables: required ones must be given with the right types', () => {
    typeOnly(() => {
      // @ts-expect-error itemId is required
      void client.request(GetItemDocument, {});
      // @ts-expect-error variables are required when the operation has a required one
      void client.request(GetItemDocument);
      // @ts-expect-error itemId is an ID (string), not a number
      void client.request(GetItemDocument, { itemId: 1 });
      // @ts-expect-error unknown variable
      void client.request(GetItemDocument, { itemId: 'x', extra: true });
      // @ts-expect-error status is an enum
      void client.request(ListItemsDocument, { status: 'WHATEVER' });
      // @ts-expect-error expectedVersion is required in UpdateItemInput
      void client.request(UpdateItemDocument, { input: { itemId: 'x', title: 'y' } });
      // Operations without required variables may omit them.
      void client.request(MeDocument);
      void client.request(ListItemsDocument);
      void client.request(DeleteItemDocument, { itemId: 'x' });
    });
    expectTypeOf<VariablesOf<typeof ListItemsDocument>>().toEqualTypeOf<ListItemsQueryVariables>();
    expectTypeOf<ListItemsQueryVariables['limit']>().toEqualTypeOf<number | null | undefined>();
  });

  it('types subscription events', () => {
    typeOnly(() =>
      client.subscribe(OnCreateItemDocument, { userId: 'u' }, {
        next(data) {
          expectTypeOf(data).toEqualTypeOf<OnCreateItemSubscription>();
          expectTypeOf(data.onCreateItem).toEqualTypeOf<NonNullable<GetItemQuery['getItem']> | null>();
        },
      }),
    );
    typeOnly(() =>
      // @ts-expect-error userId is required
      client.subscribe(OnCreateItemDocument, {}, { next() {} }),
    );
  });

  it('maps the AWS scalars', () => {
    expectTypeOf<Scalars['AWSDateTime']['output']>().toEqualTypeOf<string>();
    expectTypeOf<Scalars['AWSDate']['output']>().toEqualTypeOf<string>();
    expectTypeOf<Scalars['AWSTime']['output']>().toEqualTypeOf<string>();
    expectTypeOf<Scalars['AWSEmail']['output']>().toEqualTypeOf<string>();
    expectTypeOf<Scalars['AWSURL']['output']>().toEqualTypeOf<string>();
    expectTypeOf<Scalars['AWSPhone']['output']>().toEqualTypeOf<string>();
    expectTypeOf<Scalars['AWSIPAddress']['output']>().toEqualTypeOf<string>();
    expectTypeOf<Scalars['AWSTimestamp']['output']>().toEqualTypeOf<number>();
    // AWSJSON travels as a JSON string.
    expectTypeOf<Scalars['AWSJSON']['input']>().toEqualTypeOf<string>();
  });
});

describe('generated documents in third-party clients', () => {
  it('are typed TypedDocumentNodes for Apollo Client', () => {
    typeOnly(async () => {
      const { data } = await apollo.query({ query: GetItemDocument, variables: { itemId: 'x' } });
      expectTypeOf(data).toEqualTypeOf<GetItemQuery | undefined>();
      // @ts-expect-error wrong variable type
      await apollo.query({ query: GetItemDocument, variables: { itemId: 1 } });
    });
  });

  it('are typed for Amplify client.graphql as its branded query strings (client/generated/amplify.ts)', () => {
    typeOnly(async () => {
      const result = await amplify.graphql({ query: amplifyDocs.getItem, variables: { itemId: 'x' } });
      expectTypeOf(result.data.getItem).toEqualTypeOf<GetItemQuery['getItem']>();
      // @ts-expect-error wrong variable type
      await amplify.graphql({ query: amplifyDocs.getItem, variables: { itemId: 1 } });
      const created = await amplify.graphql({ query: amplifyDocs.createItem, variables: { input: { title: 't' } } });
      expectTypeOf(created.data.createItem.version).toEqualTypeOf<number>();
      amplify.graphql({ query: amplifyDocs.onCreateItem, variables: { userId: 'u' } }).subscribe({
        next: ({ data }) => expectTypeOf(data.onCreateItem).toEqualTypeOf<NonNullable<OnCreateItemSubscription['onCreateItem']>>(),
      });
    });
  });
});
