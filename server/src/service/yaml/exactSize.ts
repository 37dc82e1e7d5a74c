/**
 * The array, or a copy with no spare room: V8 grows an array pushed into from empty to 17
 * slots, and the thousands of small maps and field lists of a large file live as long as its
 * parse (all of them copied out of V8's young generation on a first open).
 */
export function exactSize<T>(items: T[]): T[] {
  return items.length < 17 ? items.slice() : items;
}
