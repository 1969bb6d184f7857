// Loaded by VS Code's extension host (extensionTestsPath): runs the scenarios with mocha and
// rejects when any fails, which makes @vscode/test-electron exit non-zero.
const path = require('node:path');
const Mocha = require('mocha');

exports.run = function run() {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: true });
  mocha.addFile(path.join(__dirname, 'scenarios.cjs'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} scenario(s) failed`)) : resolve()));
  });
};
