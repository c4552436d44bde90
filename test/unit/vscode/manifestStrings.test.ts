import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const manifestText = readFileSync(join(root, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText);
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

describe('manifest strings and walkthrough', () => {
  it('has a package.nls.json entry for every %key% placeholder in package.json', () => {
    const used = [...manifestText.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
    assert.deepEqual(used.filter((k) => !(k in nls)), []);
  });

  it('uses every package.nls.json entry once the placeholders are in package.json', function () {
    if (!manifestText.includes('"%')) this.skip();
    assert.deepEqual(Object.keys(nls).filter((k) => !manifestText.includes(`"%${k}%"`)), []);
  });

  it('keeps every entry a non-empty string with command links that parse', () => {
    for (const [key, value] of Object.entries(nls)) {
      assert.ok(typeof value === 'string' && value.trim().length > 0, key);
      for (const m of value.matchAll(/\(command:([\w.]+)(?:\?([^)]*))?\)/g)) {
        if (m[2]) assert.doesNotThrow(() => JSON.parse(decodeURIComponent(m[2])), `${key}: arguments of ${m[1]}`);
      }
    }
  });

  it('points walkthrough steps at media files that exist', () => {
    for (const walkthrough of manifest.contributes.walkthroughs ?? []) {
      for (const step of walkthrough.steps) {
        const media = step.media?.markdown ?? step.media?.image;
        if (typeof media === 'string') assert.ok(existsSync(join(root, media)), media);
      }
    }
    for (const f of ['open-example.md', 'see-finding.md', 'apply-fix.md', 'send-request.md', 'scan-workspace.md']) {
      assert.ok(existsSync(join(root, 'media', 'walkthrough', f)), f);
    }
  });
});
