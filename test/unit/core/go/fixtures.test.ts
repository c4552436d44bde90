/** Runs every go fixture under test/fixtures/go/<rule>/ (format: see ../languageFixtures.ts). */
import { describeFixtures } from '../languageFixtures';
import { harness } from './helpers';

describeFixtures('go', '.go', harness);
