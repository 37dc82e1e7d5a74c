import { spawnSync } from 'node:child_process';
import { activationBench } from './activationBench';
import { corpusAvailable } from './corpus';
import { checkVsPromtool } from './checkVsPromtool';
import { editorBench } from './editorBench';
import { liveBench } from './liveBench';
import { logqlBench } from './logqlBench';
import { lokiLiveBench } from './lokiLiveBench';
import { lspBench } from './lspBench';
import { operatorBench } from './operatorBench';
import { previewBench } from './previewBench';
import { printAgreement, promtoolAgreement } from './promtoolAgreement';

/**
 * `npm run bench`: prints figures and ratios against baselines measured in the same run.
 * Nothing here asserts a time; the figures are for people to read and compare.
 */
async function main(): Promise<void> {
  console.log(`Alertsmith benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  await lspBench();
  await logqlBench();
  await operatorBench();
  await liveBench();
  await lokiLiveBench();
  await previewBench();
  activationBench();
  await editorBench();
  const havePromtool = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!corpusAvailable) console.log('\n(skipped promtool comparisons: ../shared/corpus is not beside the clone)');
  else if (!havePromtool) console.log('\n(skipped promtool comparisons: promtool is not installed — apt-get install prometheus)');
  else {
    checkVsPromtool();
    printAgreement(await promtoolAgreement());
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
