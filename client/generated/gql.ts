/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment ItemFields on Item {\n  userId\n  itemId\n  title\n  status\n  priority\n  dueDate\n  tags\n  createdAt\n  updatedAt\n  version\n}\n\nfragment UserFields on User {\n  userId\n  email\n  displayName\n  createdAt\n  updatedAt\n}": typeof types.ItemFieldsFragmentDoc,
    "mutation CreateProfile($input: CreateProfileInput!) {\n  createProfile(input: $input) {\n    ...UserFields\n  }\n}\n\nmutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    ...UserFields\n  }\n}\n\nmutation CreateItem($input: CreateItemInput!) {\n  createItem(input: $input) {\n    ...ItemFields\n  }\n}\n\nmutation UpdateItem($input: UpdateItemInput!) {\n  updateItem(input: $input) {\n    ...ItemFields\n  }\n}\n\nmutation DeleteItem($itemId: ID!, $expectedVersion: Int) {\n  deleteItem(itemId: $itemId, expectedVersion: $expectedVersion) {\n    ...ItemFields\n  }\n}\n\nmutation DeleteAccount {\n  deleteAccount {\n    done\n    deletedItems\n  }\n}": typeof types.CreateProfileDocument,
    "query Me {\n  me {\n    ...UserFields\n  }\n}\n\nquery MeWithItems($status: ItemStatus, $limit: Int, $nextToken: String) {\n  me {\n    ...UserFields\n    items(status: $status, limit: $limit, nextToken: $nextToken) {\n      items {\n        ...ItemFields\n      }\n      nextToken\n    }\n  }\n}\n\nquery GetItem($itemId: ID!) {\n  getItem(itemId: $itemId) {\n    ...ItemFields\n  }\n}\n\nquery ListItems($status: ItemStatus, $limit: Int, $nextToken: String) {\n  listItems(status: $status, limit: $limit, nextToken: $nextToken) {\n    items {\n      ...ItemFields\n    }\n    nextToken\n  }\n}\n\nquery GetUser($userId: ID!) {\n  getUser(userId: $userId) {\n    ...UserFields\n  }\n}\n\nquery GetUserWithItems($userId: ID!, $status: ItemStatus, $limit: Int, $nextToken: String) {\n  getUser(userId: $userId) {\n    ...UserFields\n    items(status: $status, limit: $limit, nextToken: $nextToken) {\n      items {\n        ...ItemFields\n      }\n      nextToken\n    }\n  }\n}": typeof types.MeDocument,
    "subscription OnCreateItem($userId: ID!) {\n  onCreateItem(userId: $userId) {\n    ...ItemFields\n  }\n}\n\nsubscription OnUpdateItem($userId: ID!) {\n  onUpdateItem(userId: $userId) {\n    ...ItemFields\n  }\n}\n\nsubscription OnDeleteItem($userId: ID!) {\n  onDeleteItem(userId: $userId) {\n    ...ItemFields\n  }\n}": typeof types.OnCreateItemDocument,
};
const documents: Documents = {
    "fragment ItemFields on Item {\n  userId\n  itemId\n  title\n  status\n  priority\n  dueDate\n  tags\n  createdAt\n  updatedAt\n  version\n}\n\nfragment UserFields on User {\n  userId\n  email\n  displayName\n  createdAt\n  updatedAt\n}": types.ItemFieldsFragmentDoc,
    "mutation CreateProfile($input: CreateProfileInput!) {\n  createProfile(input: $input) {\n    ...UserFields\n  }\n}\n\nmutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    ...UserFields\n  }\n}\n\nmutation CreateItem($input: CreateItemInput!) {\n  createItem(input: $input) {\n    ...ItemFields\n  }\n}\n\nmutation UpdateItem($input: UpdateItemInput!) {\n  updateItem(input: $input) {\n    ...ItemFields\n  }\n}\n\nmutation DeleteItem($itemId: ID!, $expectedVersion: Int) {\n  deleteItem(itemId: $itemId, expectedVersion: $expectedVersion) {\n    ...ItemFields\n  }\n}\n\nmutation DeleteAccount {\n  deleteAccount {\n    done\n    deletedItems\n  }\n}": types.CreateProfileDocument,
    "query Me {\n  me {\n    ...UserFields\n  }\n}\n\nquery MeWithItems($status: ItemStatus, $limit: Int, $nextToken: String) {\n  me {\n    ...UserFields\n    items(status: $status, limit: $limit, nextToken: $nextToken) {\n      items {\n        ...ItemFields\n      }\n      nextToken\n    }\n  }\n}\n\nquery GetItem($itemId: ID!) {\n  getItem(itemId: $itemId) {\n    ...ItemFields\n  }\n}\n\nquery ListItems($status: ItemStatus, $limit: Int, $nextToken: String) {\n  listItems(status: $status, limit: $limit, nextToken: $nextToken) {\n    items {\n      ...ItemFields\n    }\n    nextToken\n  }\n}\n\nquery GetUser($userId: ID!) {\n  getUser(userId: $userId) {\n    ...UserFields\n  }\n}\n\nquery GetUserWithItems($userId: ID!, $status: ItemStatus, $limit: Int, $nextToken: String) {\n  getUser(userId: $userId) {\n    ...UserFields\n    items(status: $status, limit: $limit, nextToken: $nextToken) {\n      items {\n        ...ItemFields\n      }\n      nextToken\n    }\n  }\n}": types.MeDocument,
    "subscription OnCreateItem($userId: ID!) {\n  onCreateItem(userId: $userId) {\n    ...ItemFields\n  }\n}\n\nsubscription OnUpdateItem($userId: ID!) {\n  onUpdateItem(userId: $userId) {\n    ...ItemFields\n  }\n}\n\nsubscription OnDeleteItem($userId: ID!) {\n  onDeleteItem(userId: $userId) {\n    ...ItemFields\n  }\n}": types.OnCreateItemDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ItemFields on Item {\n  userId\n  itemId\n  title\n  status\n  priority\n  dueDate\n  tags\n  createdAt\n  updatedAt\n  version\n}\n\nfragment UserFields on User {\n  userId\n  email\n  displayName\n  createdAt\n  updatedAt\n}"): (typeof documents)["fragment ItemFields on Item {\n  userId\n  itemId\n  title\n  status\n  priority\n  dueDate\n  tags\n  createdAt\n  updatedAt\n  version\n}\n\nfragment UserFields on User {\n  userId\n  email\n  displayName\n  createdAt\n  updatedAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateProfile($input: CreateProfileInput!) {\n  createProfile(input: $input) {\n    ...UserFields\n  }\n}\n\nmutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    ...UserFields\n  }\n}\n\nmutation CreateItem($input: CreateItemInput!) {\n  createItem(input: $input) {\n    ...ItemFields\n  }\n}\n\nmutation UpdateItem($input: UpdateItemInput!) {\n  updateItem(input: $input) {\n    ...ItemFields\n  }\n}\n\nmutation DeleteItem($itemId: ID!, $expectedVersion: Int) {\n  deleteItem(itemId: $itemId, expectedVersion: $expectedVersion) {\n    ...ItemFields\n  }\n}\n\nmutation DeleteAccount {\n  deleteAccount {\n    done\n    deletedItems\n  }\n}"): (typeof documents)["mutation CreateProfile($input: CreateProfileInput!) {\n  createProfile(input: $input) {\n    ...UserFields\n  }\n}\n\nmutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    ...UserFields\n  }\n}\n\nmutation CreateItem($input: CreateItemInput!) {\n  createItem(input: $input) {\n    ...ItemFields\n  }\n}\n\nmutation UpdateItem($input: UpdateItemInput!) {\n  updateItem(input: $input) {\n    ...ItemFields\n  }\n}\n\nmutation DeleteItem($itemId: ID!, $expectedVersion: Int) {\n  deleteItem(itemId: $itemId, expectedVersion: $expectedVersion) {\n    ...ItemFields\n  }\n}\n\nmutation DeleteAccount {\n  deleteAccount {\n    done\n    deletedItems\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me {\n  me {\n    ...UserFields\n  }\n}\n\nquery MeWithItems($status: ItemStatus, $limit: Int, $nextToken: String) {\n  me {\n    ...UserFields\n    items(status: $status, limit: $limit, nextToken: $nextToken) {\n      items {\n        ...ItemFields\n      }\n      nextToken\n    }\n  }\n}\n\nquery GetItem($itemId: ID!) {\n  getItem(itemId: $itemId) {\n    ...ItemFields\n  }\n}\n\nquery ListItems($status: ItemStatus, $limit: Int, $nextToken: String) {\n  listItems(status: $status, limit: $limit, nextToken: $nextToken) {\n    items {\n      ...ItemFields\n    }\n    nextToken\n  }\n}\n\nquery GetUser($userId: ID!) {\n  getUser(userId: $userId) {\n    ...UserFields\n  }\n}\n\nquery GetUserWithItems($userId: ID!, $status: ItemStatus, $limit: Int, $nextToken: String) {\n  getUser(userId: $userId) {\n    ...UserFields\n    items(status: $status, limit: $limit, nextToken: $nextToken) {\n      items {\n        ...ItemFields\n      }\n      nextToken\n    }\n  }\n}"): (typeof documents)["query Me {\n  me {\n    ...UserFields\n  }\n}\n\nquery MeWithItems($status: ItemStatus, $limit: Int, $nextToken: String) {\n  me {\n    ...UserFields\n    items(status: $status, limit: $limit, nextToken: $nextToken) {\n      items {\n        ...ItemFields\n      }\n      nextToken\n    }\n  }\n}\n\nquery GetItem($itemId: ID!) {\n  getItem(itemId: $itemId) {\n    ...ItemFields\n  }\n}\n\nquery ListItems($status: ItemStatus, $limit: Int, $nextToken: String) {\n  listItems(status: $status, limit: $limit, nextToken: $nextToken) {\n    items {\n      ...ItemFields\n    }\n    nextToken\n  }\n}\n\nquery GetUser($userId: ID!) {\n  getUser(userId: $userId) {\n    ...UserFields\n  }\n}\n\nquery GetUserWithItems($userId: ID!, $status: ItemStatus, $limit: Int, $nextToken: String) {\n  getUser(userId: $userId) {\n    ...UserFields\n    items(status: $status, limit: $limit, nextToken: $nextToken) {\n      items {\n        ...ItemFields\n      }\n      nextToken\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription OnCreateItem($userId: ID!) {\n  onCreateItem(userId: $userId) {\n    ...ItemFields\n  }\n}\n\nsubscription OnUpdateItem($userId: ID!) {\n  onUpdateItem(userId: $userId) {\n    ...ItemFields\n  }\n}\n\nsubscription OnDeleteItem($userId: ID!) {\n  onDeleteItem(userId: $userId) {\n    ...ItemFields\n  }\n}"): (typeof documents)["subscription OnCreateItem($userId: ID!) {\n  onCreateItem(userId: $userId) {\n    ...ItemFields\n  }\n}\n\nsubscription OnUpdateItem($userId: ID!) {\n  onUpdateItem(userId: $userId) {\n    ...ItemFields\n  }\n}\n\nsubscription OnDeleteItem($userId: ID!) {\n  onDeleteItem(userId: $userId) {\n    ...ItemFields\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;