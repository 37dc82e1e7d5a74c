// Cheap consistency checks between package.json, .vscodeignore and the files they name, so a
// broken manifest fails here instead of in a packaged extension.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSettings } from '../../../server/src/service/settings';
import { maxDocsImageBytes } from '../../docsImages';
import { manifest, readJson, relative, repoRoot } from './manifest';

const contributes = manifest.contributes;

/** Our .vscodeignore is an allow-list: `**`, then `!path` or `!dir/**` lines. */
function vsixIncludes(path: string): boolean {
  const lines = readFileSync(join(repoRoot, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  assert.equal(lines[0], '**', '.vscodeignore must start by excluding everything');
  return lines.slice(1).some((line) => {
    assert.ok(/^!([\w.-]+\/)*(\*\*|[\w.-]+)$/.test(line), `unsupported .vscodeignore line: ${line}`);
    const pattern = line.slice(1);
    return pattern.endsWith('/**') ? path.startsWith(pattern.slice(0, -2)) : path === pattern;
  });
}

describe('package.json', () => {
  test('activates only on its languages, YAML and a query preview to restore', () => {
    assert.deepEqual([...manifest.activationEvents].sort(), [
      'onLanguage:logql',
      'onLanguage:promql',
      'onLanguage:yaml',
      'onWebviewPanel:alertsmith.queryPreview',
    ]);
  });

  test('every language configuration, grammar and snippet file exists and is JSON', () => {
    const paths = [
      ...contributes.languages.flatMap((l) => (l.configuration ? [l.configuration] : [])),
      ...contributes.grammars.map((g) => g.path),
      ...contributes.snippets.map((s) => s.path),
    ];
    assert.ok(paths.length >= 7);
    for (const path of paths) {
      assert.ok(existsSync(join(repoRoot, path)), `${path} is missing`);
      assert.doesNotThrow(() => readJson(relative(path)), `${path} is not JSON`);
    }
  });

  test('each grammar file declares the scope name the manifest gives it', () => {
    for (const grammar of contributes.grammars) {
      const file = readJson<{ scopeName: string; injectionSelector?: string }>(relative(grammar.path));
      assert.equal(file.scopeName, grammar.scopeName, grammar.path);
      assert.equal(Boolean(grammar.injectTo), Boolean(file.injectionSelector), `${grammar.path}: injectTo needs an injectionSelector`);
    }
  });

  test('grammars, snippets and embedded languages name contributed languages (or yaml)', () => {
    const known = new Set([...contributes.languages.map((l) => l.id), 'yaml']);
    const named = [
      ...contributes.grammars.flatMap((g) => [...(g.language ? [g.language] : []), ...Object.values(g.embeddedLanguages ?? {})]),
      ...contributes.snippets.map((s) => s.language),
    ];
    for (const language of named) assert.ok(known.has(language), `unknown language ${language}`);
  });

  test('PromQL and LogQL own their file extensions', () => {
    const byId = new Map(contributes.languages.map((l) => [l.id, l]));
    assert.deepEqual(byId.get('promql')?.extensions, ['.promql']);
    assert.deepEqual(byId.get('logql')?.extensions, ['.logql']);
  });

  test('every command has a title, the Alertsmith category and a handler in commands.ts', () => {
    // commands.ts imports `vscode`, which only exists in the extension host, so read its table as text.
    const source = readFileSync(join(repoRoot, 'client', 'src', 'commands.ts'), 'utf8');
    const table = source.slice(source.indexOf('commandTable'));
    const handled = [...table.matchAll(/^\s+'(alertsmith\.[\w.]+)':/gm)].map((m) => m[1]).sort();
    const contributed = contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(handled, contributed);
    for (const command of contributes.commands) {
      assert.ok(command.title, `${command.command} has no title`);
      assert.equal(command.category, 'Alertsmith', command.command);
    }
  });

  test('"Run Query" is offered in .promql and .logql editors alike', () => {
    for (const [menu, items] of Object.entries(contributes.menus)) {
      for (const item of items.filter((entry) => entry.command === 'alertsmith.runQuery')) {
        assert.match(item.when ?? '', /editorLangId == promql\b/, menu);
        assert.match(item.when ?? '', /editorLangId == logql\b/, menu);
      }
    }
  });
});

describe('settings', () => {
  const properties = contributes.configuration.properties;
  // Read by vscode-languageclient itself, not by the server.
  const clientOnly = new Set(['alertsmith.trace.server', 'alertsmith.kubectl.path', 'alertsmith.kubectl.context']);

  test('each contributed setting has the default the server uses', () => {
    for (const [key, schema] of Object.entries(properties)) {
      if (clientOnly.has(key)) continue;
      const [prefix, section, field, ...rest] = key.split('.');
      assert.equal(prefix, 'alertsmith', key);
      assert.equal(rest.length, 0, `${key} is deeper than settings.ts`);
      const sectionDefaults = (defaultSettings as unknown as Record<string, Record<string, unknown>>)[section];
      assert.ok(sectionDefaults && field in sectionDefaults, `${key} is not in settings.ts`);
      assert.deepEqual(schema.default, sectionDefaults[field], key);
    }
  });

  test('every server setting is contributed', () => {
    for (const [section, fields] of Object.entries(defaultSettings)) {
      for (const field of Object.keys(fields)) assert.ok(`alertsmith.${section}.${field}` in properties, `${section}.${field}`);
    }
  });

  test('every setting has a default and a description', () => {
    for (const [key, schema] of Object.entries(properties)) {
      assert.ok('default' in schema, `${key} has no default`);
      assert.ok(schema.markdownDescription && schema.markdownDescription.length > 20, `${key} has no description`);
    }
  });

  test('untrusted workspaces cannot set the network URLs', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    const restricted = untrusted.restrictedConfigurations ?? [];
    assert.ok(restricted.includes('alertsmith.prometheus.url') && restricted.includes('alertsmith.loki.url'));
    for (const key of restricted) assert.ok(key in properties, `${key} is restricted but not contributed`);
  });
});

describe('.vscodeignore', () => {
  test('keeps every file the manifest points at', () => {
    const needed = [
      relative(manifest.main),
      ...(manifest.icon ? [manifest.icon] : []),
      ...Object.values(manifest.bin ?? {}).map(relative),
      'dist/server.js',
      // dist/cli.js runs dist/check.js for `alertsmith check` and dist/server.js for `lsp`.
      'dist/check.js',
      // Required by dist/client.js after activate() returns (esbuild.mjs).
      'dist/startClient.js',
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      ...contributes.languages.flatMap((l) => (l.configuration ? [relative(l.configuration)] : [])),
      ...contributes.grammars.map((g) => relative(g.path)),
      ...contributes.snippets.map((s) => relative(s.path)),
    ];
    for (const path of needed) assert.ok(vsixIncludes(path), `${path} would be left out of the VSIX`);
  });

  test('leaves out sources, maps, tests and node_modules', () => {
    const unwanted = [
      'client/src/extension.ts',
      'server/src/server.ts',
      'dist/client.js.map',
      'dist/server.js.map',
      'node_modules/yaml/dist/index.js',
      'test/unit/manifest/vsixContents.test.ts',
      'examples/rules.yaml',
      'tsconfig.json',
      'esbuild.mjs',
      'images/screenshot.png',
    ];
    for (const path of unwanted) assert.ok(!vsixIncludes(path), `${path} would be packaged`);
  });

  test('ships each picture the README shows, small enough for the VSIX', () => {
    // VS Code's extension page resolves the README's relative links inside the package.
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const pictures = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(pictures.length >= 4, 'the README shows its screenshots');
    for (const path of pictures) {
      assert.ok(!/^[a-z]+:/i.test(path), `${path}: a remote picture needs the network on the extension page`);
      assert.ok(vsixIncludes(path), `${path} would be left out of the VSIX`);
      const bytes = statSync(join(repoRoot, path)).size;
      assert.ok(bytes <= maxDocsImageBytes, `${path} is ${bytes} bytes; refresh it through publishDocsImage (pngquant)`);
    }
    // The other screenshots the e2e run refreshes stay out of the package.
    assert.ok(!vsixIncludes('docs/images/hover.png'));
  });

  test('the files it keeps exist (dist/ aside, which the build makes)', () => {
    for (const path of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', manifest.icon ?? 'package.json']) {
      assert.ok(existsSync(join(repoRoot, path)), `${path} is missing`);
    }
  });
});
