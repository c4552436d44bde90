/** The shell front end's test helpers: the shared fixture harness bound to its grammar and comments. */
import { analyzeShell } from '../../../../src/core/shell/analyze';
import { applyEdits, languageHarness } from '../languageFixtures';

export const harness = languageHarness('bash', '#', analyzeShell);
export const { analyzeText, errorCount, ranges, readExpectations } = harness;
export { applyEdits };
