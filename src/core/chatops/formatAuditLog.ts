import type { AuditEntry } from './auditLog';
import { STATUS_SYMBOL } from './commandHistory';

/** The audit log as a person reads it: one block per command, newest first. */
export function formatAuditLog(entries: readonly AuditEntry[], file: string): string {
  const lines = [`# YouOps ChatOps audit log — ${entries.length} command${entries.length === 1 ? '' : 's'}`, `# ${file} (append-only JSON lines)`, ''];
  for (const { send, result } of entries) {
    const outcome = result ? `${STATUS_SYMBOL[result.status]} ${result.status}` : '? no result recorded (interrupted)';
    lines.push(`${send.time}  ${send.by} → ${send.destination}${send.env ? ` [${send.env}]` : ''}`);
    lines.push(`  sent: ${send.text}`);
    lines.push(`  outcome: ${outcome}${result?.delivery && result.status === 'error' ? ` (delivery: ${result.delivery})` : ''}`);
    if (result?.error) lines.push(`  error: ${result.error}`);
    for (const r of result?.replies ?? []) lines.push(`  ${r.at}  ${r.author}: ${r.text.replace(/\n/g, '\n    ')}`);
    lines.push('');
  }
  return lines.join('\n');
}
