/** Runs every python fixture under test/fixtures/python/<rule>/ (format: see ../languageFixtures.ts). */
import { describeFixtures } from '../languageFixtures';
import { harness } from './helpers';

describeFixtures('python', '.py', harness);
