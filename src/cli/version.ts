/** The package version, inlined by the bundler from package.json at build time. */
import { version } from '../../package.json';

export const VERSION: string = version;
