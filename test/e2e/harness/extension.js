// Test-only extension: loads the bundled test/electron suite (ALERTSMITH_E2E_SUITE), runs it in
// this extension host, writes the results to ALERTSMITH_E2E_RESULTS and shows a summary
// notification, which the browser test waits for.
const vscode = require('vscode');
const fs = require('fs');

async function activate() {
  const suitePath = process.env.ALERTSMITH_E2E_SUITE;
  const resultsPath = process.env.ALERTSMITH_E2E_RESULTS;
  if (!suitePath || !resultsPath) return;
  let results;
  try {
    results = await require(suitePath).runSmokeTests();
  } catch (error) {
    results = [{ name: 'load and run the suite', error: String((error && error.stack) || error) }];
  }
  fs.writeFileSync(resultsPath, JSON.stringify(results, null, 2));
  const failed = results.filter((result) => result.error).length;
  void vscode.window.showInformationMessage(`Alertsmith API suite: ${results.length - failed} passed, ${failed} failed`);
}

module.exports = { activate, deactivate() {} };
