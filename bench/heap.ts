import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection, for heap figures. Uses `global.gc` when node ran with
 * `--expose-gc`; otherwise turns the flag on at run time and takes `gc` from a fresh context
 * (a V8 detail, so the figure is marked approximate if even that fails).
 */
function findGc(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

const gc = findGc();

/** True when heap figures are taken after a full collection. */
export const heapExact = gc !== undefined;

/** heapUsed in MB after a full collection (twice: weak references die in the second). */
export function heapUsedMb(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Suffix for a heap figure's name when it could not be taken after a collection. */
export const heapNote = heapExact ? '' : ' (approximate: no gc)';
