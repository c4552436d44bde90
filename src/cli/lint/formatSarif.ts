/**
 * `--format sarif`: a SARIF 2.1.0 log for code-scanning services. Locations are relative URIs with
 * forward slashes; regions are 1-based with UTF-16 columns (said by `columnKind`). Results carry the
 * rule's already-masked message only, never a snippet of the source, so no secret leaks through.
 */
import { relative, resolve, sep } from 'node:path';
import type { Severity } from '../../core/types';
import type { FileFinding } from './lintFile';
import type { SkippedFile } from './skipped';
import { describeRule, helpUri } from './ruleDescriptions';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/api-doctor/api-doctor';

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: string): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/**
 * Files that were not linted become notifications of the run's one invocation (level `note`, or
 * `warning` when the time budget stopped the file, since findings may be missing), each with the
 * file's location, so a code-scanning service shows them instead of silently having fewer results.
 */
function invocations(skipped: readonly SkippedFile[], cwd: string): object[] | undefined {
  if (skipped.length === 0) return undefined;
  const toolExecutionNotifications = skipped.map((s) => ({
    level: s.kind === 'overBudget' ? 'warning' : 'note',
    message: { text: `Not linted: ${s.reason}.` },
    locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(s.file, cwd) } } }],
  }));
  return [{ executionSuccessful: true, toolExecutionNotifications }];
}

export function formatSarif(findings: readonly FileFinding[], toolVersion: string, cwd = process.cwd(), skipped: readonly SkippedFile[] = []): string {
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => {
    const d = describeRule(id, findings.find((f) => f.ruleId === id)!.severity as Severity);
    return {
      id,
      shortDescription: { text: d.short },
      fullDescription: { text: d.full },
      helpUri: helpUri(id),
      defaultConfiguration: { level: sarifLevel(d.level) },
    };
  });
  const results = findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId)!,
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(f.file, cwd) },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'API Doctor', version: toolVersion, informationUri: INFORMATION_URI, rules } },
        invocations: invocations(skipped, cwd),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** `src/a b.ts` → `src/a%20b.ts`: relative to the working folder, forward slashes, URI-escaped. */
export function relativeUri(file: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, file)) || file;
  return rel.split(sep).join('/').split('/').map(encodeURIComponent).join('/');
}
