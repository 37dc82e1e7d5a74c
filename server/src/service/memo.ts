/**
 * A bounded memo for pure functions of a string: re-validating a 10,000-line rule file after
 * a one-character edit should only redo the expression that changed. Oldest entries go first.
 */
export function memoizeByKey<A extends unknown[], R>(
  fn: (...args: A) => R,
  keyOf: (...args: A) => string,
  limit = 10_000,
): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args: A): R => {
    const key = keyOf(...args);
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as R;
    const value = fn(...args);
    cache.set(key, value);
    if (cache.size > limit) cache.delete(cache.keys().next().value as string);
    return value;
  };
}
