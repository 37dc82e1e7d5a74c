/** Writing YAML text for edits: scalars that read back as the same string. */
import { parse } from 'yaml';

const plainSafe = /^[A-Za-z0-9_./-][A-Za-z0-9_./ -]*$/;

/** `value` as a YAML scalar that decodes to the same string (quoted when plain would not). */
export function yamlScalar(value: string): string {
  if (plainSafe.test(value) && !value.endsWith(' ')) {
    try {
      if (parse(value) === value) return value;
    } catch {
      // fall through to quoting
    }
  }
  return JSON.stringify(value);
}
