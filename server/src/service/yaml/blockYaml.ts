import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { exactSize } from './exactSize';
import { decodeDoubleQuoted, decodePlainOrSingleQuoted } from './scalarDecode';
import { blockScalarText, doubleQuotedEscapesValid, doubleQuotedLineText } from './scalarText';

/**
 * Reads the block-style YAML that rule files and manifests are nearly always written in straight
 * into the nodes `yaml` would compose, or answers undefined for anything else (the caller then
 * asks `yaml`). Why by hand: `yaml` lexes the text, builds a CST and composes nodes from that;
 * on a 10,000-line rule file this took 300–400 ms of a ~750 ms first open (V8 had compiled
 * none of it yet), where one pass over the lines takes ~70 ms.
 *
 * What it reads: `---`-separated documents whose root is a block mapping or sequence; nested
 * block mappings with plain keys, and sequences; plain scalars on one line; quoted scalars;
 * `|` / `>` block scalars (clip or strip chomping); `{}` and `[]`; comments and blank lines.
 * Anything else (flow collections with content, anchors, tags, multi-line plain scalars, tabs,
 * CRLF, duplicate keys, anything `yaml` would report) makes it give up. Nodes, ranges, values
 * and scalar source tokens are `yaml`'s: tests compare both on the corpus, mutations of it and
 * generated nestings. Comments are not attached to nodes, as nothing here reads them.
 */
export function readBlockYaml(text: string): Document.Parsed[] | undefined {
  if (/[\t\r\uFEFF]/.test(text)) return undefined;
  try {
    return new BlockReader(text).documents();
  } catch (error) {
    // Nesting deep enough to exhaust the stack is left to `yaml`, which reports it.
    if (error === giveUp || error instanceof RangeError) return undefined;
    throw error;
  }
}

const giveUp = Symbol('not plain block YAML');
function bail(): never {
  throw giveUp;
}

const options = { keepSourceTokens: true, prettyErrors: false, merge: true } as const;
const template = new Document(undefined, options);
/** The core schema's scalar tags, which resolve plain scalars (`1` → 1, `true`, `null`, …). */
const scalarTags = template.schema.tags.filter((tag) => !tag.collection);

const enum LineKind {
  Blank,
  Comment,
  Content,
  DocumentStart,
}

/**
 * The text's lines as columns of typed arrays: one object per line would put 10,000 small
 * objects in V8's heap for a 10,000-line file, all alive through the read (so copied out of
 * the young generation) and garbage right after it.
 */
class LineTable {
  readonly count: number;
  readonly start: Int32Array;
  /** Offset of the line break (or the text's end). */
  readonly end: Int32Array;
  readonly indent: Int32Array;
  readonly kind: Uint8Array;

  constructor(text: string) {
    let count = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
    this.count = count;
    this.start = new Int32Array(count);
    this.end = new Int32Array(count);
    this.indent = new Int32Array(count);
    this.kind = new Uint8Array(count);
    let start = 0;
    for (let index = 0; index < count; index++) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      let first = start;
      while (text.charCodeAt(first) === 32) first++;
      let kind: LineKind;
      if (first === end) kind = LineKind.Blank;
      else if (text[first] === '#') kind = LineKind.Comment;
      else if (first === start && /^---[ ]*$/.test(text.slice(start, end))) kind = LineKind.DocumentStart;
      else kind = LineKind.Content;
      // Directives and document end markers.
      if (kind === LineKind.Content && first === start && (text[first] === '%' || text.startsWith('...', start))) bail();
      this.start[index] = start;
      this.end[index] = end;
      this.indent[index] = first - start;
      this.kind[index] = kind;
      start = end + 1;
    }
  }
}

/** Plain scalars may not begin with an indicator (YAML 1.2 §7.3.3); these would need `yaml`. */
const indicatorStart = /^[-?:,[\]{}#&*!|>'"%@`]/;

class BlockReader {
  private readonly lines: LineTable;
  /** Index of the next line not read yet. */
  private at = 0;
  /**
   * The last value read was empty (`key:`): `yaml` keeps the blank lines after it with its
   * `:`, so they never reach the document's end.
   */
  private lastValueEmpty = false;

  constructor(private readonly text: string) {
    this.lines = new LineTable(text);
  }

  documents(): Document.Parsed[] {
    const documents: Document.Parsed[] = [];
    for (let first = this.nextContent(); first !== -1; first = this.nextContent()) {
      const marked = this.lines.kind[first] === LineKind.DocumentStart;
      if (marked) this.at++;
      else if (documents.length > 0) bail();
      const root = this.nextContent();
      if (root === -1 || this.lines.kind[root] !== LineKind.Content || this.lines.indent[root] !== 0) bail();
      const contents = this.blockNode(root, 0, -1);
      const next = this.nextContent();
      if (next !== -1 && this.lines.kind[next] !== LineKind.DocumentStart) bail();
      const document = new Document(undefined, options) as Document.Parsed;
      if (marked) document.directives.docStart = true;
      document.contents = contents as Document.Parsed['contents'];
      const end = this.lastValueEmpty ? contents.range![2] : next === -1 ? this.text.length : this.lines.start[next];
      document.range = [this.lines.start[marked ? first : root], contents.range![2], end];
      documents.push(document);
    }
    return documents.length > 0 ? documents : bail();
  }

  /** The next content or `---` line from `at` on (past blank and comment lines), or -1; `at` moves there. */
  private nextContent(): number {
    while (this.at < this.lines.count && this.lines.kind[this.at] < LineKind.Content) this.at++;
    return this.at < this.lines.count ? this.at : -1;
  }

  /** A mapping or sequence whose first entry begins at `column` of line `index` (after `- ` maybe). */
  private blockNode(index: number, column: number, parentIndent: number): YAMLMap | YAMLSeq {
    if (column <= parentIndent) bail();
    if (this.isDash(this.lines.start[index] + column)) {
      if (column !== this.lines.indent[index]) bail(); // `- - x`: a compact nested sequence
      return this.sequence(index, column);
    }
    return this.mapping(index, column);
  }

  /** The offset after a line's break (its end, on the last line). */
  private afterLine(index: number): number {
    const end = this.lines.end[index];
    return end === this.text.length ? end : end + 1;
  }

  /** A `-` entry indicator at `offset`: followed by a space or the line's end. */
  private isDash(offset: number): boolean {
    return this.text[offset] === '-' && this.isSeparated(offset + 1);
  }

  private isSeparated(offset: number): boolean {
    const ch = this.text[offset];
    return ch === undefined || ch === ' ' || ch === '\n';
  }

  private mapping(firstIndex: number, indent: number): YAMLMap {
    const map = new YAMLMap(template.schema);
    const keys = new Set<unknown>();
    let index = firstIndex;
    let end: number;
    for (;;) {
      const key = this.key(index, indent);
      if (keys.has(key.value)) bail(); // a duplicate key is an error
      keys.add(key.value);
      const value = this.value(index, key.range![1] + 1, indent, true);
      map.items.push(new Pair(key, value));
      end = value.range![2];
      const next = this.nextContent();
      if (next === -1) break;
      if (this.lines.kind[next] !== LineKind.Content || this.lines.indent[next] < indent) break;
      if (this.lines.indent[next] > indent || this.isDash(this.lines.start[next] + indent)) bail();
      index = next;
    }
    map.items = exactSize(map.items);
    map.range = [this.lines.start[firstIndex] + indent, end, this.trailingEnd(end, indent)];
    return map;
  }

  private sequence(firstIndex: number, indent: number): YAMLSeq {
    const seq = new YAMLSeq(template.schema);
    let index = firstIndex;
    let end: number;
    for (;;) {
      const item = this.value(index, this.lines.start[index] + indent + 1, indent, false);
      seq.items.push(item);
      end = item.range![2];
      const next = this.nextContent();
      if (next === -1) break;
      if (this.lines.kind[next] !== LineKind.Content || this.lines.indent[next] < indent) break;
      if (this.lines.indent[next] > indent) bail();
      if (!this.isDash(this.lines.start[next] + indent)) break;
      index = next;
    }
    seq.items = exactSize(seq.items);
    seq.range = [this.lines.start[firstIndex] + indent, end, this.trailingEnd(end, indent)];
    return seq;
  }

  /**
   * Where a collection's range ends. The blank and comment lines after its last entry stay
   * with it (up to the next token) when one of those comments is at least as indented as its
   * entries, as in `yaml`'s parser; otherwise they go to the collection around it.
   */
  private trailingEnd(valueEnd: number, indent: number): number {
    const next = this.nextContent();
    const tokenAt = next === -1 ? this.text.length : this.lines.start[next] + this.lines.indent[next];
    if (indent === 0 || valueEnd >= tokenAt) return valueEnd;
    for (let i = (next === -1 ? this.lines.count : next) - 1; i >= 0 && this.lines.start[i] >= valueEnd; i--) {
      if (this.lines.kind[i] === LineKind.Comment && this.lines.indent[i] >= indent) return tokenAt;
    }
    return valueEnd;
  }

  /** The plain implicit key at `column` of line `index`, up to its `:` (then a space or the line's end). */
  private key(index: number, column: number): Scalar {
    const offset = this.lines.start[index] + column;
    const colon = this.mappingIndicator(offset, this.lines.end[index]);
    if (colon === -1) bail();
    const source = this.text.slice(offset, colon);
    // `<<` merges another mapping in.
    if (
      source === '' ||
      source === '<<' ||
      source.length > 1024 ||
      indicatorStart.test(source) ||
      source.endsWith(' ') ||
      source.includes(' #')
    )
      bail();
    const key = plainScalar(source, true);
    key.range = [offset, colon, colon];
    (key as { srcToken?: unknown }).srcToken = { type: 'scalar', offset, indent: column, source };
    return key;
  }

  /** The first `:` in [from, to) followed by a space or the line's end, or -1. */
  private mappingIndicator(from: number, to: number): number {
    for (let i = from; i < to; i++) if (this.text.charCodeAt(i) === 58 && this.isSeparated(i + 1)) return i;
    return -1;
  }

  /**
   * The value after `key:` or `- ` (from `offset` on line `index`): a scalar on the line, a
   * block scalar, a collection (compact, or on the lines below), or an empty (null) node.
   * `indent` is the column of the entries of the collection holding it.
   */
  private value(index: number, offset: number, indent: number, inMap: boolean): Node {
    const { text } = this;
    let at = offset;
    while (text[at] === ' ') at++;
    // `yaml` records the column of the line's first key or item content as a token's indent.
    const tokenIndent = inMap ? indent : at - this.lines.start[index];
    this.at = index + 1;
    this.lastValueEmpty = false;
    if (at === this.lines.end[index] || text[at] === '#') return this.valueBelow(at, at < this.lines.end[index], indent, inMap);
    if (!inMap && this.isDash(at)) bail();
    const ch = text[at];
    if (ch === '|' || ch === '>') return this.blockScalar(index, at, indent, tokenIndent);
    if (!inMap && ch !== '"' && ch !== "'") {
      const colon = this.mappingIndicator(at, this.lines.end[index]);
      if (colon !== -1) return this.mapping(index, at - this.lines.start[index]); // `- key: …`
    }
    if ((ch === '{' && text[at + 1] === '}') || (ch === '[' && text[at + 1] === ']')) return this.emptyFlowCollection(index, at, indent);
    let node: Scalar;
    let source: string;
    let sourceEnd: number;
    let last = index;
    let type: string;
    if (ch === '"' || ch === "'") {
      [last, sourceEnd] = this.closingQuote(index, at, indent);
      sourceEnd++;
      source = text.slice(at, sourceEnd);
      let value: string;
      // An escape `yaml` reports leaves the file to it.
      if (ch === "'")
        value = last !== index ? decodePlainOrSingleQuoted(text, at, source, true).text : source.slice(1, -1).replaceAll("''", "'");
      else if (last === index) value = doubleQuotedLineText(source) ?? bail();
      else value = doubleQuotedEscapesValid(source) ? decodeDoubleQuoted(text, at, source).text : bail();
      node = new Scalar(value);
      node.type = ch === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
      node.source = value;
      type = ch === '"' ? 'double-quoted-scalar' : 'single-quoted-scalar';
      this.afterValue(sourceEnd, this.lines.end[last]);
    } else {
      // `-1`, `:node_memory:sum`: these indicators start a plain scalar when no space follows.
      if (ch === '-' || ch === ':' || ch === '?' ? this.isSeparated(at + 1) : indicatorStart.test(ch)) bail();
      const rest = text.slice(at, this.lines.end[index]);
      const comment = rest.indexOf(' #');
      sourceEnd = comment === -1 ? this.lines.end[index] : at + comment;
      while (text[sourceEnd - 1] === ' ') sourceEnd--;
      source = text.slice(at, sourceEnd);
      if (source.includes(': ') || source.endsWith(':')) bail(); // a mapping in a compact value
      node = plainScalar(source, false);
      type = 'scalar';
    }
    (node as { srcToken?: unknown }).srcToken = { type, offset: at, indent: tokenIndent, source };
    node.range = [at, sourceEnd, this.flowValueEnd(last, indent)];
    this.at = last + 1;
    return node;
  }

  /** Only white space or a comment may follow a value on its line. */
  private afterValue(from: number, lineEnd: number): void {
    const rest = this.text.slice(from, lineEnd);
    if (rest !== '' && !/^ +(#.*)?$/.test(rest)) bail();
  }

  /** `{}` or `[]`: an empty flow collection (manifests write empty selectors so). */
  private emptyFlowCollection(index: number, at: number, indent: number): YAMLMap | YAMLSeq {
    const collection = this.text[at] === '{' ? new YAMLMap(template.schema) : new YAMLSeq(template.schema);
    collection.flow = true;
    this.afterValue(at + 2, this.lines.end[index]);
    collection.range = [at, at + 2, this.flowValueEnd(index, indent)];
    this.at = index + 1;
    return collection;
  }

  /**
   * The line and offset of the quote closing the scalar that opens at `at` on line `index`. Its
   * continuation lines must be indented past the collection's entries.
   */
  private closingQuote(index: number, at: number, indent: number): [number, number] {
    const { text } = this;
    const quote = text[at];
    for (let l = index, from = at + 1; l < this.lines.count; l++) {
      if (l > index) {
        if (this.lines.kind[l] !== LineKind.Blank && this.lines.indent[l] <= indent) bail();
        from = this.lines.start[l];
      }
      for (let i = from; i < this.lines.end[l]; i++) {
        const ch = text[i];
        if (quote === '"' && ch === '\\') i++;
        else if (ch === quote) {
          if (quote === "'" && text[i + 1] === "'") i++;
          else return [l, i];
        }
      }
    }
    return bail();
  }

  /** Nothing after `key:` / `-` on its line: a collection below, or an empty (null) node at `at`. */
  private valueBelow(at: number, commentOnLine: boolean, indent: number, inMap: boolean): Node {
    const from = this.at;
    const next = this.nextContent();
    const kind = next === -1 ? undefined : this.lines.kind[next];
    if (kind === LineKind.Content) {
      if (this.lines.indent[next] > indent) return this.blockNode(next, this.lines.indent[next], indent);
      // A sequence may sit at its key's column.
      if (inMap && this.lines.indent[next] === indent && this.isDash(this.lines.start[next] + indent)) return this.sequence(next, indent);
    }
    // `yaml` gives comments after an empty value to the null node, and in a sequence those
    // before an empty `-` too, which moves the node's range end (comments are not kept here).
    if (commentOnLine) bail();
    for (let i = from; i < this.at; i++) if (this.lines.kind[i] === LineKind.Comment) bail();
    for (let i = from - 2; !inMap && i >= 0 && this.lines.kind[i] < LineKind.Content; i--) {
      if (this.lines.kind[i] === LineKind.Comment) bail();
    }
    const empty = plainScalar('', false);
    empty.range = [at, at, at];
    this.lastValueEmpty = true;
    return empty;
  }

  /**
   * Where a flow scalar or collection ending on line `index` ends: after its line, and after the
   * comment lines below that are more indented than its collection's entries (`yaml` counts
   * them as its trailing comments). A more indented content line would continue a scalar.
   */
  private flowValueEnd(index: number, indent: number): number {
    let end = this.afterLine(index);
    for (let i = index + 1; i < this.lines.count; i++) {
      if (this.lines.kind[i] === LineKind.Blank) continue;
      if (this.lines.kind[i] === LineKind.Comment && this.lines.indent[i] > indent) {
        end = this.afterLine(i);
        continue;
      }
      if (this.lines.kind[i] === LineKind.Content && this.lines.indent[i] > indent) bail(); // a multi-line scalar
      break;
    }
    return end;
  }

  private blockScalar(index: number, at: number, indent: number, tokenIndent: number): Scalar {
    const { text } = this;
    // Keep chomping (`+`), indentation indicators and header comments are left to `yaml`.
    const header = /^([|>])(-?)( *)$/.exec(text.slice(at, this.lines.end[index]));
    if (!header || this.lines.end[index] === text.length) bail();
    const headerSource = header[1] + header[2];
    const props = [{ type: 'block-scalar-header', offset: at, indent: tokenIndent, source: headerSource }];
    if (header[3]) props.push({ type: 'space', offset: at + headerSource.length, indent: tokenIndent, source: header[3] });
    props.push({ type: 'newline', offset: this.lines.end[index], indent: tokenIndent, source: '\n' });
    let contentIndent = -1;
    let last = -1;
    for (let i = index + 1; i < this.lines.count; i++) {
      if (this.lines.start[i] === this.lines.end[i]) continue;
      if (this.lines.kind[i] === LineKind.Blank) bail(); // spaces only: whether they are content is subtle
      if (contentIndent === -1) {
        if (this.lines.indent[i] <= tokenIndent) break;
        contentIndent = this.lines.indent[i];
      } else if (this.lines.indent[i] < contentIndent) break;
      last = i;
    }
    if (last === -1) bail();
    const bodyEnd = this.afterLine(last);
    this.at = last + 1;
    const token = { type: 'block-scalar', offset: at, indent, props, source: text.slice(this.lines.end[index] + 1, bodyEnd) };
    const value = blockScalarText(text, this.lines, index + 1, last + 1, contentIndent, header[1] === '>', header[2] === '-');
    const node = new Scalar(value);
    node.type = header[1] === '|' ? Scalar.BLOCK_LITERAL : Scalar.BLOCK_FOLDED;
    node.source = value;
    node.range = [at, bodyEnd, bodyEnd];
    (node as { srcToken?: unknown }).srcToken = token;
    const next = this.nextContent();
    if (next !== -1 && this.lines.kind[next] === LineKind.Content && this.lines.indent[next] > indent) bail();
    return node;
  }
}

/**
 * Of the core schema's plain scalars, only null and booleans start with a letter (numbers,
 * `.inf` and `.nan` start with a digit, a sign or a dot): every other word is a string, and
 * most keys and values are such words, so they skip the tags' tests (the tests comparing this
 * reader with `yaml` cover this as well).
 */
const letterStart = /^[A-Za-z_]/;
const wordScalars = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

/** A plain scalar resolved as `yaml`'s core schema does (its tags' own tests and resolvers). */
function plainScalar(source: string, atKey: boolean): Scalar {
  if (letterStart.test(source) && !wordScalars.has(source)) {
    const scalar = new Scalar(source);
    scalar.type = Scalar.PLAIN;
    scalar.source = source;
    return scalar;
  }
  const tag = scalarTags.find(
    (candidate) => (candidate.default === true || (atKey && candidate.default === 'key')) && candidate.test?.test(source),
  );
  const resolved: unknown = tag ? tag.resolve(source, bail, template.options) : source;
  // Some tags resolve to a node of their own (null, booleans, floats keep their digits).
  const scalar = resolved instanceof Scalar ? resolved : new Scalar(resolved);
  scalar.type = Scalar.PLAIN;
  scalar.source = source;
  if (tag?.format) scalar.format = tag.format;
  return scalar;
}
