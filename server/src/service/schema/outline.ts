/**
 * The outline of the YAML document around the cursor line: the lines that decide what the cursor
 * line means — its ancestors (each less indented than the lines below it), its siblings (lines
 * at its own column) and the root `apiVersion`/`kind`. Everything else is dropped, so completion
 * in a 2,000-line PrometheusRule parses a few dozen short lines, and a half-typed value or a
 * multi-line scalar elsewhere cannot confuse the parse. Values that might span lines are cut.
 */

/** The outline text and where the probe line's marker sits in it. */
export interface Outline {
  text: string;
  markerOffset: number;
}

interface LineShape {
  /** Column of the line's first character (a dash or a key). */
  indent: number;
  /** Column of the key (after any `- `). */
  keyColumn: number;
  dashes: string;
  key?: string;
  value: string;
}

const separator = /^(---|\.\.\.)([ \t].*)?$/;
const keyPattern = /^((?:"[^"\n]*"|'[^'\n]*'|[^\s#'"{[\]}&*!|>%@`-][^:#]*?|-[^\s:#][^:#]*?))[ \t]*:(?:[ \t]+|$)/;
const blockHeader = /(?:^|[ \t])[|>][-+0-9]*[ \t]*(#.*)?$/;

function shapeOf(line: string): LineShape | undefined {
  const [, spaces, dashes, rest] = /^( *)((?:-(?: +|$))*)(.*)$/.exec(line.replace(/\r$/, ''))!;
  if ((rest === '' && dashes === '') || rest.startsWith('#') || separator.test(line) || (spaces === '' && rest.startsWith('%')))
    return undefined;
  const key = keyPattern.exec(rest);
  return {
    indent: spaces.length,
    keyColumn: spaces.length + dashes.length,
    dashes,
    key: key?.[1],
    value: key ? rest.slice(key[0].length) : rest,
  };
}

/** A value that is whole on its line and safe to keep; others (block, open quotes, tags…) are cut. */
function selfContained(value: string): boolean {
  const text = value.replace(/[ \t]+#.*$/, '').trim();
  if (text === '' || /^[|>&*!%@`]/.test(text)) return false;
  if (text.startsWith('"')) return /^"(?:[^"\\]|\\.)*"$/.test(text);
  if (text.startsWith("'")) return /^'(?:[^']|'')*'$/.test(text);
  if (text.startsWith('{') || text.startsWith('[')) {
    let depth = 0;
    for (const ch of text) {
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
      if (depth < 0) return false;
    }
    return depth === 0 && /[}\]]$/.test(text);
  }
  return true;
}

function outlineLine(shape: LineShape, line: string): string {
  const head = `${' '.repeat(shape.indent)}${shape.dashes}`;
  if (!shape.key) return head.trimEnd();
  const value = shape.value.replace(/\r$/, '');
  // The root kind and apiVersion say which schema applies: keep them whole.
  if (shape.keyColumn === 0 && (shape.key === 'kind' || shape.key === 'apiVersion')) return line.replace(/\r$/, '');
  return selfContained(value) ? `${head}${shape.key}: ${value.trim()}` : `${head}${shape.key}:`;
}

/**
 * The outline of the document holding the line [lineStart, lineEnd), with that line replaced by
 * `probeLine` whose key (or value) starts at `column`. Undefined when the line is the content of
 * a block scalar (`description: |`), where no field can go.
 */
export function outlineAround(
  text: string,
  lineStart: number,
  lineEnd: number,
  probeLine: string,
  column: number,
  marker: string,
): Outline | undefined {
  const above: string[] = [];
  let limit = column;
  let parentSeen = false;
  for (const line of linesBefore(text, lineStart)) {
    // Deeper than anything still wanted: skip without looking closer (large files).
    if (parentSeen && indentOf(line) > limit) continue;
    if (separator.test(line.replace(/\r$/, ''))) break;
    const shape = shapeOf(line);
    if (!shape) continue;
    if (!parentSeen && shape.indent < column) {
      parentSeen = true;
      if (blockHeader.test(line.replace(/\r$/, ''))) return undefined;
    }
    const relevant = shape.keyColumn <= limit || (shape.dashes !== '' && shape.indent < limit);
    if (!relevant || (!shape.key && !shape.dashes)) continue;
    above.push(outlineLine(shape, line));
    limit = Math.min(limit, shape.indent);
  }
  const below: string[] = [];
  for (const line of linesAfter(text, lineEnd)) {
    if (separator.test(line.replace(/\r$/, ''))) break;
    const shape = shapeOf(line);
    if (!shape) continue;
    if (shape.indent < column) break;
    if (shape.keyColumn === column && shape.dashes === '' && shape.key) below.push(outlineLine(shape, line));
  }
  const head = above
    .reverse()
    .map((line) => `${line}\n`)
    .join('');
  return { text: `${head}${probeLine}\n${below.join('\n')}`, markerOffset: head.length + probeLine.indexOf(marker) };
}

function indentOf(line: string): number {
  let indent = 0;
  while (line.charCodeAt(indent) === 32) indent++;
  return indent;
}

/** The lines above `lineStart`, nearest first, without splitting the whole text. */
export function* linesBefore(text: string, lineStart: number): Generator<string> {
  let end = lineStart - 1;
  while (end >= 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    yield text.slice(start, end);
    end = start - 1;
  }
}

/** The lines below the line ending at `lineEnd`, nearest first. */
export function* linesAfter(text: string, lineEnd: number): Generator<string> {
  let start = lineEnd + 1;
  while (start <= text.length && lineEnd < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    yield text.slice(start, end);
    if (newline < 0) return;
    start = end + 1;
  }
}
