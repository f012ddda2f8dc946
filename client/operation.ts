// Turning a typed document into what goes on the wire, and the typing helpers
// that make `variables` required exactly when the operation needs some.
import { print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export type { TypedDocumentNode };

/** `[variables]` when the operation has a required variable, `[variables?]` otherwise. */
export type VariablesArg<TVariables> =
  Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export interface WireOperation {
  query: string;
  operationName?: string;
}

const printed = new WeakMap<DocumentNode, WireOperation>();

/** The query text and operation name of a document (printed once per document). */
export function toWire(document: DocumentNode | string): WireOperation {
  if (typeof document === 'string') return { query: document };
  const cached = printed.get(document);
  if (cached) return cached;
  const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  const wire = { query: print(document), operationName: op?.name?.value };
  printed.set(document, wire);
  return wire;
}
