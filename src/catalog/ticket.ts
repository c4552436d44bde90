/** The support ticket: Markdown a user can paste into a support form, with every secret masked. */
import { redactBody, redactText, redactUrl } from './redact';
import type { TicketItem } from './types';

/** Enough of a body for support to see the error, small enough to paste into a form. */
export const TICKET_BODY_LIMIT = 4000;

export const DEFAULT_TICKET_ITEMS: TicketItem[] = [
  { id: 'request-id', label: 'Request id', source: 'request-id' },
  { id: 'method', label: 'Method', source: 'method' },
  { id: 'url', label: 'URL', source: 'url' },
  { id: 'request-body', label: 'Request body', source: 'request-body' },
  { id: 'status', label: 'Status', source: 'status' },
  { id: 'response-body', label: 'Response body', source: 'response-body' },
  { id: 'timestamp', label: 'Time (UTC)', source: 'timestamp' },
];

export interface TicketFacts {
  title: string;
  providerName: string | null;
  method?: string;
  url?: string;
  status: number;
  statusText: string;
  requestId: string | null;
  requestBody?: string;
  responseBody: string;
  now: Date;
  items: readonly TicketItem[];
}

function fence(text: string): string {
  let ticks = '```';
  while (text.includes(ticks)) ticks += '`';
  return ticks;
}

function block(text: string, lang = ''): string {
  const f = fence(text);
  return `${f}${lang}\n${text}\n${f}`;
}

function inline(text: string): string {
  const safe = text.replace(/[\r\n]+/g, ' ');
  return safe.includes('`') ? `\`\` ${safe} \`\`` : `\`${safe}\``;
}

function cut(text: string): string {
  return text.length > TICKET_BODY_LIMIT ? `${text.slice(0, TICKET_BODY_LIMIT)}\n… (${text.length - TICKET_BODY_LIMIT} more characters cut)` : text;
}

function looksJson(text: string): boolean {
  const t = text.trim();
  return t.startsWith('{') || t.startsWith('[');
}

export function buildTicket(f: TicketFacts): string {
  const lines: string[] = [`## ${f.title}${f.providerName ? ` from ${f.providerName}` : ''}`, ''];
  const table: string[] = [];
  const sections: string[] = [];
  const blanks: string[] = [];
  for (const item of f.items) {
    switch (item.source) {
      case 'request-id':
        table.push(`| ${item.label} | ${f.requestId ? inline(redactText(f.requestId)) : '_none in the response: give the time instead_'} |`);
        break;
      case 'method':
        table.push(`| ${item.label} | ${f.method ? inline(f.method.toUpperCase()) : '_not known_'} |`);
        break;
      case 'url':
        table.push(`| ${item.label} | ${f.url ? inline(redactUrl(f.url.trim())) : '_not known_'} |`);
        break;
      case 'status':
        table.push(`| ${item.label} | ${f.status}${f.statusText ? ` ${f.statusText}` : ''} |`);
        break;
      case 'timestamp':
        table.push(`| ${item.label} | ${f.now.toISOString()} |`);
        break;
      case 'request-body': {
        const body = f.requestBody?.trim() ? cut(redactBody(f.requestBody)) : '(empty)';
        sections.push(`### ${item.label} (secrets masked)`, '', block(body, looksJson(body) ? 'json' : ''), '');
        break;
      }
      case 'response-body': {
        const body = f.responseBody.trim() ? cut(redactBody(f.responseBody)) : '(empty)';
        sections.push(`### ${item.label} (secrets masked)`, '', block(body, looksJson(body) ? 'json' : ''), '');
        break;
      }
      case 'blank':
        blanks.push(`- ${item.label}: ____`);
        break;
    }
  }
  if (table.length) lines.push('| Field | Value |', '|---|---|', ...table, '');
  lines.push(...sections);
  if (blanks.length) lines.push('### Please fill in', '', ...blanks, '');
  return lines.join('\n');
}
