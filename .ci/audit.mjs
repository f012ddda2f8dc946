#!/usr/bin/env node
// CI dependency audit: `npm audit --omit=dev`, failing on any high or critical
// advisory and listing what remains below that. When the advisory service
// cannot be reached (an offline or proxied registry answers 405 or a network
// error), the audit is reported as NOT performed; AUDIT_REQUIRED=1 turns that
// into a failure for pipelines that do have the service.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const BLOCKING = ['critical', 'high'];

/** Reads `npm audit --json` output → what to print and whether CI fails. */
export function judgeAudit(stdout, { required = false } = {}) {
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { ok: !required, performed: false, lines: [`npm audit: unreadable output, audit NOT performed: ${stdout.slice(0, 200)}`] };
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) {
    const why = report?.error?.summary || report?.message || 'no vulnerability metadata in the answer';
    return { ok: !required, performed: false, lines: [`npm audit: the advisory service could not be used (${why}); audit NOT performed`] };
  }
  const lines = [`npm audit --omit=dev: ${['critical', 'high', 'moderate', 'low', 'info'].map((s) => `${counts[s] ?? 0} ${s}`).join(', ')}`];
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    const via = (v.via ?? []).filter((x) => typeof x === 'object').map((x) => `${x.title ?? x.source} ${x.url ?? ''}`.trim());
    lines.push(`  ${v.severity.padEnd(8)} ${name}${v.range ? ` ${v.range}` : ''}${via.length ? ` — ${via.join('; ')}` : ''}${v.fixAvailable ? ' (fix available)' : ''}`);
  }
  const blocking = BLOCKING.reduce((n, s) => n + (counts[s] ?? 0), 0);
  return { ok: blocking === 0, performed: true, lines };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 });
  const verdict = judgeAudit(run.stdout ?? '', { required: process.env.AUDIT_REQUIRED === '1' });
  for (const line of verdict.lines) console.log(line);
  process.exit(verdict.ok ? 0 : 1);
}
