/**
 * The request sites the editor shows (hovers, "Send request" lenses) kept up to date edit by edit:
 * after each random edit they equal the sites read from the whole tree.
 */
import * as assert from 'node:assert/strict';
import { grammarForLanguage } from '../../../src/core/analyze';
import { RegionTracker, trackVersion } from '../../../src/core/findingsTracker';
import { parse } from '../../../src/core/parser';
import { MOVABLE_SITES, regionSitesInTree, sitesInTree } from '../../../src/vscode/editor/documentSites';
import type { SiteSummary } from '../../../src/vscode/editor/siteSummary';
import { EDIT_COUNT, editAtRandom, jsFixtures } from '../core/randomEdits';

const SETTINGS = { clients: [], secretParamNames: [] };
const byStart = (a: SiteSummary, b: SiteSummary): number => a.span.start - b.span.start;
const show = (s: SiteSummary): string => `${s.span.start}-${s.span.end} ${s.urlSpan ? `${s.urlSpan.start}-${s.urlSpan.end}` : '-'} ${s.client} ${s.method} ${s.url ?? '?'} ${s.headers.map((h) => `${h.name}: ${h.value}`).join(', ')}`;

describe('request sites on the keystroke path', () => {
  it('reads only the statements around an edit', async () => {
    const text = "const base = 'https://api.example.com';\n\nfetch(base + '/a');\n\nfetch(base + '/b');\n";
    const tree = await parse('typescript', text);
    try {
      const at = text.indexOf("'/b'");
      const r = regionSitesInTree(tree, 'typescript', SETTINGS, text, { start: at, end: at + 1 })!;
      assert.deepEqual(r.items.map((s) => s.url), ['https://api.example.com/b']);
      assert.deepEqual(r.region, { start: text.indexOf("fetch(base + '/b')"), end: text.length - 1 });
    } finally {
      tree.delete();
    }
  });

  for (const fixture of jsFixtures()) {
    it(`${fixture.name}: after each of ${EDIT_COUNT} random edits the sites equal those of the whole tree`, async () => {
      const tracker = new RegionTracker(MOVABLE_SITES);
      const grammar = grammarForLanguage(fixture.languageId)!;
      await editAtRandom(fixture, tracker, async (text, version, tree, edit) => {
        const tracked = (await trackVersion(tracker, version, text, fixture.languageId, tree, {
          region: (changed) => regionSitesInTree(tree, grammar, SETTINGS, text, changed),
          whole: () => sitesInTree(tree, grammar, SETTINGS),
        })).items.sort(byStart).map(show);
        if (edit === undefined) return;
        // Order does not matter to hovers and lenses; the whole-tree list comes in query order.
        assert.deepEqual(tracked, sitesInTree(tree, grammar, SETTINGS).sort(byStart).map(show), edit);
      });
    });
  }
});
