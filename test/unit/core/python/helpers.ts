/** The python front end's test helpers: the shared fixture harness bound to its grammar and comments. */
import { analyzePython } from '../../../../src/core/python/analyze';
import { applyEdits, languageHarness } from '../languageFixtures';

export const harness = languageHarness('python', '#', analyzePython);
export const { analyzeText, errorCount, ranges, readExpectations } = harness;
export { applyEdits };
