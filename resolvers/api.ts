// The API definition: which field runs which code against which data source,
// the table it reads, and how callers authenticate. The CDK stack
// (infra/) and the local server (local/) are both built from this one object.
import type { ApiDefinition } from '../local/definition.js';

export const api: ApiDefinition = {
  name: 'ItemsApi',
  schema: 'schema.graphql',
  sourceDir: 'resolvers',
  outDir: 'dist/resolvers',
  auth: {
    default: { type: 'AMAZON_COGNITO_USER_POOLS' },
    additional: [{ type: 'AWS_IAM' }],
  },
  userGroups: ['admin'],
  // Example operations the local console's editor opens with.
  operations: 'client/operations',
  tables: {
    // Single table; the key design is in CONTRIBUTING.md ("Access patterns and keys").
    items: {
      localName: 'items',
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      globalSecondaryIndexes: [
        {
          indexName: 'byStatus',
          partitionKey: { name: 'gsi1pk', type: 'S' },
          sortKey: { name: 'gsi1sk', type: 'S' },
          projection: 'ALL',
        },
      ],
    },
  },
  dataSources: {
    itemsTable: { type: 'AMAZON_DYNAMODB', table: 'items', description: 'The single table of users and items' },
    none: { type: 'NONE', description: 'Local checks without a data store (subscription authorization)' },
  },
  environment: {
    // Transactions name their table explicitly; resolvers read it from ctx.env.
    TABLE_NAME: { tableName: 'items' },
    // The per-user cap on stored items (lib/quota.ts); createItem answers QuotaExceeded at the cap.
    ITEMS_PER_USER: '1000',
  },
  functions: {
    getProfile: { code: 'functions/getProfile', dataSource: 'itemsTable' },
    writeProfile: { code: 'functions/writeProfile', dataSource: 'itemsTable' },
    updateItem: { code: 'functions/updateItem', dataSource: 'itemsTable' },
    readItemToDelete: { code: 'functions/readItemToDelete', dataSource: 'itemsTable' },
    deleteItem: { code: 'functions/deleteItem', dataSource: 'itemsTable' },
    explainItemCondition: { code: 'functions/explainItemCondition', dataSource: 'itemsTable' },
  },
  resolvers: [
    { typeName: 'Query', fieldName: 'me', code: 'Query/me', dataSource: 'itemsTable' },
    { typeName: 'Query', fieldName: 'getItem', code: 'Query/getItem', dataSource: 'itemsTable' },
    { typeName: 'Query', fieldName: 'listItems', code: 'Query/listItems', dataSource: 'itemsTable' },
    { typeName: 'Query', fieldName: 'getUser', code: 'Query/getUser', dataSource: 'itemsTable' },
    { typeName: 'User', fieldName: 'items', code: 'User/items', dataSource: 'itemsTable' },
    { typeName: 'Mutation', fieldName: 'createProfile', code: 'Mutation/createProfile', dataSource: 'itemsTable' },
    {
      typeName: 'Mutation',
      fieldName: 'updateProfile',
      code: 'Mutation/updateProfile',
      pipeline: ['getProfile', 'writeProfile'],
    },
    { typeName: 'Mutation', fieldName: 'createItem', code: 'Mutation/createItem', dataSource: 'itemsTable' },
    { typeName: 'Mutation', fieldName: 'updateItem', code: 'Mutation/updateItem', pipeline: ['updateItem', 'explainItemCondition'] },
    { typeName: 'Mutation', fieldName: 'deleteItem', code: 'Mutation/deleteItem', pipeline: ['readItemToDelete', 'deleteItem', 'explainItemCondition'] },
    { typeName: 'Subscription', fieldName: 'onCreateItem', code: 'Subscription/ownerOnly', dataSource: 'none' },
    { typeName: 'Subscription', fieldName: 'onUpdateItem', code: 'Subscription/ownerOnly', dataSource: 'none' },
    { typeName: 'Subscription', fieldName: 'onDeleteItem', code: 'Subscription/ownerOnly', dataSource: 'none' },
  ],
  // AppSync's per-API limits (GraphqlApi queryDepthLimit / resolverCountLimit),
  // on AWS and locally. The largest query a client needs runs 2 resolvers
  // (me { items }); 25 leaves room for batching a page of lookups but stops an
  // alias flood (e.g. 199 × listItems(limit: 100)) from costing 200 queries.
  limits: { queryDepth: 10, resolverCount: 25 },
};

export default api;
