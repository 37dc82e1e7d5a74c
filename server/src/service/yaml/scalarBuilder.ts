/** A decoded scalar: `starts[i]`/`ends[i]` are the source span of `text[i]` (document offsets). */
export interface DecodedScalar {
  text: string;
  starts: number[];
  ends: number[];
  /** Where the value proper begins and ends in the document (inside quotes, after a block header). */
  contentStart: number;
  contentEnd: number;
}

/** Collects decoded characters; line-fold characters get their source position afterwards. */
export class ScalarBuilder {
  private chars: string[] = [];
  private starts: number[] = [];
  private ends: number[] = [];

  constructor(
    private readonly src: string,
    private readonly contentStart: number,
    private readonly contentEnd: number,
  ) {}

  /** Source characters copied as they are. */
  copy(from: number, to: number): void {
    for (let i = from; i < to; i++) this.push(this.src[i], i, i + 1);
  }

  /** One decoded string (an escape, a `''`) produced by the source span [from, to). */
  produce(value: string, from: number, to: number): void {
    for (const unit of value) for (let k = 0; k < unit.length; k++) this.push(unit[k], from, to);
  }

  /** A space or newline produced by folding line breaks; placed on a line break later. */
  fold(value: string): void {
    for (const ch of value) this.push(ch, -1, -1);
  }

  finish(): DecodedScalar {
    this.placeFolds();
    return {
      text: this.chars.join(''),
      starts: this.starts,
      ends: this.ends,
      contentStart: this.contentStart,
      contentEnd: this.contentEnd,
    };
  }

  private push(ch: string, start: number, end: number): void {
    this.chars.push(ch);
    this.starts.push(start);
    this.ends.push(end);
  }

  /**
   * Each run of fold characters sits between two copied characters; the line breaks in that
   * gap produced it. YAML drops the first break of a fold (b-l-trimmed), so a run inside the
   * value takes the last breaks of its gap, while the run that ends a block scalar (chomping)
   * takes the first ones.
   */
  private placeFolds(): void {
    const n = this.chars.length;
    let i = 0;
    while (i < n) {
      if (this.starts[i] !== -1) {
        i++;
        continue;
      }
      let j = i;
      while (j < n && this.starts[j] === -1) j++;
      const lower = i > 0 ? this.ends[i - 1] : this.contentStart;
      const upper = j < n ? this.starts[j] : this.contentEnd;
      const breaks = lineBreaksBetween(this.src, lower, upper);
      const count = j - i;
      const chosen = j < n ? breaks.slice(Math.max(0, breaks.length - count)) : breaks.slice(0, count);
      const missing = count - chosen.length;
      for (let k = 0; k < count; k++) {
        // Too few breaks only happens for a kept final newline at the end of the file.
        const lineBreak = j < n ? chosen[k - missing] : chosen[k];
        const lastBreak = chosen[chosen.length - 1];
        const fallback = j < n || !lastBreak ? Math.min(lower, upper) : lastBreak.start + lastBreak.length;
        this.starts[i + k] = lineBreak ? lineBreak.start : fallback;
        this.ends[i + k] = lineBreak ? lineBreak.start + lineBreak.length : fallback;
      }
      i = j;
    }
  }
}

interface LineBreak {
  start: number;
  length: number;
}

function lineBreaksBetween(src: string, from: number, to: number): LineBreak[] {
  const out: LineBreak[] = [];
  for (let i = Math.max(0, from); i < to && i < src.length; i++) {
    if (src[i] === '\n') out.push({ start: i, length: 1 });
    else if (src[i] === '\r' && src[i + 1] === '\n') {
      out.push({ start: i, length: 2 });
      i++;
    }
  }
  return out;
}
