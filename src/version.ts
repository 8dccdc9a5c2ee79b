/**
 * # Version
 * The package version, read from package.json (one source of truth).
 * @module
 */
import { readFileSync } from 'node:fs';

const readVersion = (): string => {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') return pkg.version;
  } catch {
    // fall through
  }
  return '0.0.0-unknown';
};

/** The package version. @category meta */
export const VERSION: string = readVersion();
