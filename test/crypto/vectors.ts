import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** /work/shared/vectors, from dist/test/crypto/vectors.js (four levels up is the folder holding the repo). */
export const VECTORS_DIR = fileURLToPath(new URL('../../../../shared/vectors/', import.meta.url));

export function readVector(rel: string): string {
  return readFileSync(VECTORS_DIR + rel, 'utf8');
}
