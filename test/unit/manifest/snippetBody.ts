// Expands a VS Code snippet body the way accepting every default would: placeholders become their
// default text, choices their first option, tab stops nothing. Enough to check bodies are valid.

/** Snippet body (string or lines) → the text inserted when every placeholder keeps its default. */
export function expandSnippet(body: string | string[]): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  return expand(text, 0, false).text;
}

function expand(text: string, start: number, insidePlaceholder: boolean): { text: string; end: number } {
  let out = '';
  let i = start;
  while (i < text.length) {
    const char = text[i];
    if (char === '\\' && i + 1 < text.length) {
      out += text[i + 1];
      i += 2;
    } else if (insidePlaceholder && char === '}') {
      return { text: out, end: i + 1 };
    } else if (char === '$') {
      const rest = text.slice(i);
      const tabStop = /^\$(\d+)|^\$\{(\d+)\}/.exec(rest);
      const choice = /^\$\{\d+\|([^,|]*)[^|]*\|\}/.exec(rest);
      const placeholder = /^\$\{\d+:/.exec(rest);
      if (tabStop) {
        i += tabStop[0].length;
      } else if (choice) {
        out += choice[1];
        i += choice[0].length;
      } else if (placeholder) {
        const inner = expand(text, i + placeholder[0].length, true);
        out += inner.text;
        i = inner.end;
      } else {
        throw new Error(`unsupported snippet syntax at: ${rest.slice(0, 20)}`);
      }
    } else {
      out += char;
      i += 1;
    }
  }
  return { text: out, end: i };
}
