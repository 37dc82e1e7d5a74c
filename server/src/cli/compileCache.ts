import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * Runs a CommonJS bundle through V8's code cache, as Node 22's `module.enableCompileCache()`
 * does (Node 20 has no such thing): the first run compiles as usual and, on exit, saves the
 * bytecode of every function it ran; later runs load it instead of parsing and compiling.
 * `alertsmith check` in CI is a short process, so this is a good part of its run time.
 *
 * The cache is keyed by the bundle's content, the Node version and flags (V8 itself only
 * checks the source length). It lives in NODE_COMPILE_CACHE, else in a directory of the
 * user's own under the temp dir; NODE_DISABLE_COMPILE_CACHE=1 turns it off. Any trouble with
 * the cache only means running without it. Each save keeps the newest few caches of its bundle
 * (several Node versions or flag sets may be in use at once) and deletes older ones, which every
 * upgrade of the extension would otherwise leave behind (~1 MB each).
 */
export function runBundle(file: string): void {
  const source = readFileSync(file, 'utf8').replace(/^#!.*/, '');
  const cacheFile = cachePath(file, source);
  const cachedData = cacheFile ? readCache(cacheFile) : undefined;
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) process.once('exit', () => saveCache(cacheFile, script));
  const module = new Module(file);
  module.filename = file;
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
}

function cachePath(file: string, source: string): string | undefined {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const configured = process.env.NODE_COMPILE_CACHE;
  const directory = configured || join(tmpdir(), `alertsmith-compile-cache-${process.getuid?.() ?? 'user'}`);
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    // In the shared temp dir, use only a directory nobody else can write (the bytecode runs).
    if (!configured && !ownPrivateDirectory(directory)) return undefined;
  } catch {
    return undefined;
  }
  const key = createHash('sha1')
    .update(`${process.version}\0${process.arch}\0${process.execArgv.join(' ')}\0`)
    .update(source)
    .digest('hex')
    .slice(0, 16);
  return join(directory, `${basename(file)}-${key}.cache`);
}

function ownPrivateDirectory(directory: string): boolean {
  const stat = statSync(directory);
  return (process.getuid === undefined || stat.uid === process.getuid()) && (stat.mode & 0o022) === 0;
}

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function saveCache(path: string, script: Script): void {
  try {
    // Written aside and renamed, so a concurrent run never reads half a file.
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    renameSync(temporary, path);
    pruneOldCaches(path);
  } catch {
    // no cache this time
  }
}

/** Caches kept per bundle: one per Node version and flag set in use, with room to spare. */
export const cachesKeptPerBundle = 4;

function pruneOldCaches(saved: string): void {
  const directory = dirname(saved);
  const bundle = basename(saved).replace(/-[0-9a-f]{16}\.cache$/, '');
  const siblings = readdirSync(directory)
    .filter((name) => name.startsWith(`${bundle}-`) && /^-[0-9a-f]{16}\.cache$/.test(name.slice(bundle.length)))
    .map((name) => ({ path: join(directory, name), mtime: statSync(join(directory, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of siblings.slice(cachesKeptPerBundle)) {
    if (old.path !== saved) unlinkSync(old.path);
  }
}
