import { LspClient } from '../test/server/lspClient';
import { editorCapabilities } from './editorCapabilities';
import { timeAsync } from './stats';
import { serverEnv, serverExecArgv } from '../server/src/serverProcess';

/**
 * didOpen → diagnostics on fresh servers, one open each: the first open of a session is the
 * slow one (nothing is compiled by V8 yet), and one sample of it on a shared machine varies by
 * ±20%, so the benches print the median of several.
 */
export async function coldOpens(uri: string, languageId: string, text: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const client = await LspClient.start({ capabilities: editorCapabilities, nodeOptions: serverExecArgv, env: serverEnv });
    try {
      times.push((await timeAsync(() => client.open(uri, languageId, text)))[0]);
    } finally {
      await client.stop();
    }
  }
  return times;
}
