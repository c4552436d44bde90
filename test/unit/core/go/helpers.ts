/** The go front end's test helpers: the shared fixture harness bound to its grammar and comments. */
import { analyzeGo } from '../../../../src/core/go/analyze';
import { applyEdits, languageHarness } from '../languageFixtures';

export const harness = languageHarness('go', '//', analyzeGo);
export const { analyzeText, errorCount, ranges, readExpectations } = harness;
export { applyEdits };
