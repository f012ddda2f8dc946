// The definition is checked against its schema at build (and so at start,
// hot reload and synth, which all build): each mistake is named at the row of
// the definition module or the schema line.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApi, BuildError } from '../../local/build/index.js';
import { loadDefinition } from '../../local/build/definition.js';
import { createAppFromSources } from '../../infra/app.js';
import { copyFixture, edit, lineOf } from './support.js';

const DEF = 'resolvers/api.ts';

/** The build's problems for a broken copy of the fixture (the build must fail). */
async function problems(root: string): Promise<string[]> {
  const err = await buildApi({ root }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BuildError);
  return (err as BuildError).problems;
}

describe('definition checks', () => {
  it('the fixture as given builds without problems', async () => {
    const root = copyFixture();
    const { files, warnings } = await buildApi({ root });
    expect(Object.keys(files).sort()).toEqual(['Mutation/deleteNote', 'Query/getNote', 'functions/readNote']);
    expect(warnings).toEqual([]);
  });

  it('a typo in fieldName fails the build, naming the row and the schema type', async () => {
    const root = copyFixture();
    edit(root, DEF, "fieldName: 'deleteNote'", "fieldName: 'deleteNot'");
    const row = lineOf(root, DEF, "fieldName: 'deleteNot'");
    const found = await problems(root);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^resolvers/api\\.ts:${row}:\\d+ error: resolver Mutation\\.deleteNot: type Mutation \\(schema\\.graphql:${lineOf(root, 'schema.graphql', 'type Mutation')}\\) has no field deleteNot; did you mean deleteNote\\?$`));
    // The bundles themselves are current: they are written, only the definition is refused.
    expect(existsSync(join(root, 'dist/resolvers/Query/getNote.js'))).toBe(true);
  });

  it('a resolver on a type the schema lacks', async () => {
    const root = copyFixture();
    edit(root, DEF, "typeName: 'Query'", "typeName: 'Querry'");
    const found = await problems(root);
    expect(found).toEqual([
      expect.stringMatching(new RegExp(`^resolvers/api\\.ts:${lineOf(root, DEF, "'Querry'")}:\\d+ error: resolver Querry\\.getNote: the schema \\(schema\\.graphql\\) has no type Querry$`)),
    ]);
  });

  it('a data source that does not exist, for a resolver and for a function', async () => {
    const root = copyFixture();
    edit(root, DEF, "code: 'Query/getNote', dataSource: 'notes'", "code: 'Query/getNote', dataSource: 'note'");
    edit(root, DEF, "code: 'functions/readNote', dataSource: 'notes'", "code: 'functions/readNote', dataSource: 'nones'");
    const found = await problems(root);
    expect(found).toEqual([
      `resolvers/api.ts:${lineOf(root, DEF, "dataSource: 'note'")}:${columnOf(root, "dataSource: 'note'")} error: resolver Query.getNote: data source note does not exist (data sources: notes, none)`,
      `resolvers/api.ts:${lineOf(root, DEF, "dataSource: 'nones'")}:${columnOf(root, "dataSource: 'nones'")} error: function readNote: data source nones does not exist (data sources: notes, none)`,
    ]);
  });

  it('a pipeline function that does not exist or is listed twice', async () => {
    const root = copyFixture();
    edit(root, DEF, "pipeline: ['readNote']", "pipeline: ['readNote', 'redNote', 'readNote']");
    const line = lineOf(root, DEF, "'redNote'");
    const found = await problems(root);
    expect(found).toEqual([
      expect.stringMatching(new RegExp(`^resolvers/api\\.ts:${line}:\\d+ error: resolver Mutation\\.deleteNote: pipeline function redNote does not exist \\(functions: readNote\\)$`)),
      expect.stringMatching(new RegExp(`^resolvers/api\\.ts:${line}:\\d+ error: resolver Mutation\\.deleteNote: pipeline function readNote is listed twice$`)),
    ]);
  });

  it('a field with two resolvers', async () => {
    const root = copyFixture();
    edit(root, DEF, "  ],\n};", "    { typeName: 'Query', fieldName: 'getNote', code: 'Query/getNote', dataSource: 'none' },\n  ],\n};");
    const found = await problems(root);
    expect(found).toEqual([expect.stringMatching(new RegExp(`^resolvers/api\\.ts:${lineOf(root, DEF, "dataSource: 'none' }")}:\\d+ error: resolver Query\\.getNote is defined twice$`))]);
  });

  it('a subscription whose @aws_subscribe names a mutation the schema lacks, at the schema line', async () => {
    const root = copyFixture();
    edit(root, 'schema.graphql', 'mutations: ["deleteNote"]', 'mutations: ["deleteNote", "deleteNotes"]');
    const found = await problems(root);
    const line = lineOf(root, 'schema.graphql', 'deleteNotes');
    expect(found).toEqual([`schema.graphql:${line}:${'  onDeleteNote: Note @aws_subscribe(mutations: ["deleteNote", '.length + 1} error: subscription Subscription.onDeleteNote: @aws_subscribe names mutation deleteNotes, which the schema lacks; did you mean deleteNote?`]);
  });

  it('a non-null root field with no resolver is an error; a nested non-null list without one is a warning', async () => {
    const root = copyFixture();
    edit(root, 'schema.graphql', 'getNote(id: ID!): Note\n', 'getNote(id: ID!): Note\n  countNotes: Int!\n  listNotes: NoteConnection!\n');
    edit(root, 'schema.graphql', 'type Query {', 'type NoteConnection {\n  items: [Note!]!\n}\n\ntype Comment {\n  text: String!\n}\n\ntype Query {');
    edit(root, 'schema.graphql', 'text: String!\n}\n\ntype NoteConnection', 'text: String!\n  comments: [Comment!]!\n}\n\ntype NoteConnection');
    edit(root, DEF, '  ],\n};', "    { typeName: 'Query', fieldName: 'listNotes', code: 'Query/getNote', dataSource: 'notes' },\n  ],\n};");
    const found = await problems(root);
    expect(found).toEqual([
      `schema.graphql:${lineOf(root, 'schema.graphql', 'countNotes')}:3 error: Query.countNotes is non-null but has no resolver: a root field has no parent to take it from, so every request fails`,
    ]);
    // Fix the error: the warning remains, and does not fail the build.
    edit(root, 'schema.graphql', 'countNotes: Int!', 'countNotes: Int');
    const { warnings } = await buildApi({ root });
    expect(warnings).toEqual([
      `schema.graphql:${lineOf(root, 'schema.graphql', 'comments:')}:3 warning: Note.comments is a non-null list with no resolver: it resolves only if every resolver that returns Note, also through lists and connections, includes it`,
    ]);
  });

  it('a non-null field of a type no resolver ever returns is an error', async () => {
    const root = copyFixture();
    edit(root, 'schema.graphql', 'type Query {\n', 'type Stats {\n  count: Int!\n}\n\ntype Query {\n  stats: Stats\n');
    const found = await problems(root);
    expect(found).toEqual([
      `schema.graphql:${lineOf(root, 'schema.graphql', 'count: Int!')}:3 error: Stats.count is non-null but has no resolver, and no resolver above Stats can supply it`,
    ]);
  });

  it('synth fails on the typo too, with the same message, before CloudFormation sees it', async () => {
    const root = copyFixture();
    edit(root, DEF, "fieldName: 'deleteNote'", "fieldName: 'deleteNot'");
    const definition = await loadDefinition(root);
    await expect(createAppFromSources({ root, definition })).rejects.toThrow(/resolvers\/api\.ts:\d+:\d+ error: resolver Mutation\.deleteNot: type Mutation .* has no field deleteNot/);
  });
});

function columnOf(root: string, needle: string): number {
  const lines = readFileSync(join(root, DEF), 'utf8').split('\n');
  return lines[lineOf(root, DEF, needle) - 1].indexOf(needle) + 1;
}
