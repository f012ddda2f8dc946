// The CI audit step's verdicts, from npm audit's JSON answers.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { judgeAudit } from '../../.ci/audit.mjs';

const report = (counts: Record<string, number>, vulnerabilities: Record<string, unknown> = {}) =>
  JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts } } });

describe('CI dependency audit', () => {
  it('passes a clean report', () => {
    const v = judgeAudit(report({}));
    expect(v).toMatchObject({ ok: true, performed: true });
    expect(v.lines[0]).toBe('npm audit --omit=dev: 0 critical, 0 high, 0 moderate, 0 low, 0 info');
  });

  it('fails on a high or critical advisory and names the package', () => {
    const v = judgeAudit(
      report({ high: 1 }, { 'some-lib': { severity: 'high', range: '<1.2.3', via: [{ title: 'Prototype pollution', url: 'https://github.com/advisories/GHSA-x' }], fixAvailable: true } }),
    );
    expect(v.ok).toBe(false);
    expect(v.lines.join('\n')).toContain('high     some-lib <1.2.3 — Prototype pollution https://github.com/advisories/GHSA-x (fix available)');
    expect(judgeAudit(report({ critical: 2 })).ok).toBe(false);
  });

  it('reports moderate and low findings without failing', () => {
    const v = judgeAudit(report({ moderate: 1, low: 2 }, { other: { severity: 'moderate', via: ['some-lib'] } }));
    expect(v.ok).toBe(true);
    expect(v.lines).toContain('  moderate other');
  });

  it('says the audit was not performed when the advisory service refuses, and fails only when required', () => {
    const refused = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405 });
    const v = judgeAudit(refused);
    expect(v).toMatchObject({ ok: true, performed: false });
    expect(v.lines[0]).toMatch(/audit NOT performed/);
    expect(judgeAudit(refused, { required: true }).ok).toBe(false);
    expect(judgeAudit('not json', { required: true })).toMatchObject({ ok: false, performed: false });
  });
});
