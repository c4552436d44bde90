/** Runs every shell fixture under test/fixtures/shell/<rule>/ (format: see ../languageFixtures.ts). */
import { describeFixtures } from '../languageFixtures';
import { harness } from './helpers';

describeFixtures('shell', '.sh', harness);
