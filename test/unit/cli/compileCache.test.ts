import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cachesKeptPerBundle } from '../../../server/src/cli/compileCache';

const repoRoot = join(__dirname, '..', '..', '..');
const work = mkdtempSync(join(tmpdir(), 'alertsmith-cache-test-'));
const cacheDirectory = join(work, 'cache');
const bundle = join(work, 'bundle.js');
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs `bundle` through runBundle in a fresh node, as dist/cli.js does; returns its stdout. */
function run(environment: Record<string, string> = {}): string {
  const script = `require(${JSON.stringify(join(repoRoot, 'server/src/cli/compileCache.ts'))}).runBundle(${JSON.stringify(bundle)})`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NODE_COMPILE_CACHE: cacheDirectory, NODE_DISABLE_COMPILE_CACHE: '', ...environment },
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

/** A CommonJS bundle that uses what the module wrapper gives it and prints `word`. */
function writeBundle(word: string): void {
  writeFileSync(
    bundle,
    `#!/usr/bin/env node\nconst { basename } = require('node:path');\nfunction say() { return ${JSON.stringify(word)} + ' from ' + basename(__filename); }\nmodule.exports.said = say();\nconsole.log(module.exports.said);\n`,
  );
}

test('the first run saves the code cache, later runs use it', () => {
  writeBundle('aaa');
  assert.equal(run(), 'aaa from bundle.js\n');
  const saved = readdirSync(cacheDirectory).filter((name) => name.endsWith('.cache'));
  assert.equal(saved.length, 1);
  assert.equal(run(), 'aaa from bundle.js\n');
  assert.deepEqual(
    readdirSync(cacheDirectory).filter((name) => name.endsWith('.cache')),
    saved,
  );
});

test('a changed bundle of the same length never runs the old code (V8 checks only the length)', () => {
  writeBundle('aaa');
  run();
  writeBundle('bbb');
  assert.equal(run(), 'bbb from bundle.js\n');
});

test('saving a cache deletes the oldest caches of the same bundle, and no other file', () => {
  const foreign = join(cacheDirectory, 'other.js-0123456789abcdef.cache');
  writeFileSync(foreign, 'x');
  utimesSync(foreign, new Date(0), new Date(0));
  const words = ['d01', 'd02', 'd03', 'd04', 'd05', 'd06'];
  const savedBy = new Map<string, string>();
  for (const word of words) {
    const before = new Set(readdirSync(cacheDirectory));
    writeBundle(word);
    assert.equal(run(), `${word} from bundle.js\n`);
    savedBy.set(word, readdirSync(cacheDirectory).find((name) => !before.has(name)) ?? '');
  }
  const left = readdirSync(cacheDirectory).filter((name) => name.startsWith('bundle.js-'));
  assert.deepEqual(
    left.sort(),
    words
      .slice(-cachesKeptPerBundle)
      .map((word) => savedBy.get(word))
      .sort(),
  );
  assert.ok(readdirSync(cacheDirectory).includes('other.js-0123456789abcdef.cache'));
});

test('NODE_DISABLE_COMPILE_CACHE runs without a cache', () => {
  rmSync(cacheDirectory, { recursive: true, force: true });
  writeBundle('ccc');
  assert.equal(run({ NODE_DISABLE_COMPILE_CACHE: '1' }), 'ccc from bundle.js\n');
  assert.throws(() => readdirSync(cacheDirectory));
});
