// Writes a deterministic TypeScript file of about N lines that looks like a real API client:
// request functions with headers, query strings, retries and status checks, so the analyzer's
// work on it is representative of what users open.
export function generateClient(lines = 5000) {
  const out = ["import { setTimeout as sleep } from 'node:timers/promises';", '', "const BASE = 'https://api.example.com/v1';", 'const apiKey = process.env.EXAMPLE_API_KEY ?? \'\';', ''];
  let i = 0;
  while (out.length < lines) {
    const n = i++;
    switch (n % 4) {
      case 0:
        out.push(
          `export async function listItems${n}(page: number, query: string): Promise<unknown[]> {`,
          `  const url = new URL(BASE + '/items${n}');`,
          "  url.searchParams.set('page', String(page));",
          "  url.searchParams.set('q', query);",
          '  const res = await fetch(url, { headers: { Authorization: `Bearer ${apiKey}` } });',
          `  if (res.status === 404) return [];`,
          '  if (!res.ok) throw new Error(`listItems failed with ${res.status}`);',
          '  const body = (await res.json()) as { items: unknown[] };',
          '  return body.items;',
          '}',
          '',
        );
        break;
      case 1:
        out.push(
          `export async function getItem${n}(id: string): Promise<unknown> {`,
          '  for (let attempt = 0; attempt < 5; attempt++) {',
          `    const res = await fetch(\`\${BASE}/items${n}/\${encodeURIComponent(id)}\`, {`,
          "      headers: { Authorization: 'Bearer ' + apiKey, Accept: 'application/json' },",
          '    });',
          '    if (res.status !== 429 && res.status < 500) return res.json();',
          "    const wait = Number(res.headers.get('retry-after') ?? 0) * 1000 || Math.min(30000, 500 * 2 ** attempt);",
          '    await sleep(wait + Math.random() * 100);',
          '  }',
          `  throw new Error('getItem${n}: gave up');`,
          '}',
          '',
        );
        break;
      case 2:
        out.push(
          `export async function createItem${n}(name: string, tags: string[]): Promise<string> {`,
          '  const res = await fetch(`${BASE}/items' + n + '`, {',
          "    method: 'POST',",
          "    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` },",
          '    body: JSON.stringify({ name, tags }),',
          '  });',
          '  if (res.status === 401) throw new Error(\'check EXAMPLE_API_KEY\');',
          '  const created = (await res.json()) as { id: string };',
          '  return created.id;',
          '}',
          '',
        );
        break;
      default:
        out.push(
          `export class ItemCache${n} {`,
          '  private readonly entries = new Map<string, { value: unknown; at: number }>();',
          '  get(key: string, maxAgeMs: number): unknown {',
          '    const hit = this.entries.get(key);',
          '    if (!hit || Date.now() - hit.at > maxAgeMs) return undefined;',
          '    return hit.value;',
          '  }',
          '  set(key: string, value: unknown): void {',
          '    this.entries.set(key, { value, at: Date.now() });',
          '  }',
          '}',
          '',
        );
    }
  }
  // Whole blocks only: a function cut off at the end would make the file one syntax error, which
  // is not what users keep open.
  let end = Math.min(lines, out.length);
  while (end > 0 && out[end - 1] !== '') end--;
  return out.slice(0, end).join('\n');
}
