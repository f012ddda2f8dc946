// Which published payloads a subscription receives: argument filtering and
// enhanced filters (rules AND'ed inside a group, groups OR'ed).
import { describe, expect, it } from 'vitest';
import { argumentsMatch, filterMatches } from '../../local/server/realtime/filter.js';

const item = { id: 'i1', owner: 'alice', status: 'OPEN', priority: 3, tags: ['a', 'b'], title: 'Buy milk', meta: { size: 10 } };
const rule = (fieldName: string, operator: string, value?: unknown) => ({ filterGroup: [{ filters: [{ fieldName, operator, value }] }] });

describe('argument filtering', () => {
  it('requires every given argument to equal the payload field; an omitted one filters nothing', () => {
    expect(argumentsMatch({ owner: 'alice' }, item)).toBe(true);
    expect(argumentsMatch({ owner: 'bob' }, item)).toBe(false);
    expect(argumentsMatch({ owner: 'alice', status: 'DONE' }, item)).toBe(false);
    expect(argumentsMatch({ owner: undefined }, item)).toBe(true);
    expect(argumentsMatch({}, item)).toBe(true);
    expect(argumentsMatch({ missing: 'x' }, item)).toBe(false);
  });

  it('an explicit null matches only payloads where the field is null or absent', () => {
    expect(argumentsMatch({ owner: null }, item)).toBe(false);
    expect(argumentsMatch({ owner: null }, { ...item, owner: null })).toBe(true);
    expect(argumentsMatch({ missing: null }, item)).toBe(true);
  });
});

describe('enhanced filters', () => {
  it.each([
    ['eq', 'status', 'OPEN', true],
    ['eq', 'status', 'DONE', false],
    ['ne', 'status', 'DONE', true],
    ['gt', 'priority', 3, false],
    ['ge', 'priority', 3, true],
    ['lt', 'priority', 4, true],
    ['le', 'priority', 2, false],
    ['between', 'priority', [1, 3], true],
    ['between', 'priority', [4, 9], false],
    ['in', 'status', ['OPEN', 'DONE'], true],
    ['notIn', 'status', ['OPEN', 'DONE'], false],
    ['contains', 'title', 'milk', true],
    ['contains', 'tags', 'b', true],
    ['notContains', 'tags', 'c', true],
    ['containsAny', 'tags', ['x', 'a'], true],
    ['beginsWith', 'title', 'Buy', true],
    ['beginsWith', 'title', 'milk', false],
    ['attributeExists', 'meta.size', true, true],
    ['attributeExists', 'meta.colour', true, false],
    ['attributeExists', 'meta.colour', false, true],
    ['eq', 'meta.size', 10, true],
    ['gt', 'status', 1, false],
  ])('%s on %s with %j → %s', (op, field, value, expected) => {
    expect(filterMatches(rule(field, op, value), item)).toBe(expected);
  });

  it('ANDs the rules of a group and ORs the groups', () => {
    const and = { filterGroup: [{ filters: [{ fieldName: 'owner', operator: 'eq', value: 'alice' }, { fieldName: 'priority', operator: 'gt', value: 5 }] }] };
    expect(filterMatches(and, item)).toBe(false);
    const or = { filterGroup: [...and.filterGroup, { filters: [{ fieldName: 'status', operator: 'eq', value: 'OPEN' }] }] };
    expect(filterMatches(or, item)).toBe(true);
  });

  it('ignores rules on paths deeper than five levels', () => {
    expect(filterMatches(rule('a.b.c.d.e.f', 'eq', 1), item)).toBe(true);
  });
});
