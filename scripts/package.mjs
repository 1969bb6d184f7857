// npm run package: a minified build, then `vsce package` into internal-events-<version>.vsix at the
// repository root, then a check of what the .vsix holds (a missing dist/prism.wasm or schemas/ would
// only show as a broken server on a user's machine).
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
export const vsixPath = join(root, `internal-events-${version}.vsix`);

function run(command, args, env = {}) {
  execFileSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

export function packageExtension() {
  const started = Date.now();
  run(process.execPath, ['scripts/build.mjs', 'dist'], { MINIFY: '1' });
  run(process.execPath, [
    createRequire(import.meta.url).resolve('@vscode/vsce/vsce'),
    'package',
    '--no-dependencies', // everything the extension needs is bundled into dist/
    '--allow-missing-repository',
    '--no-rewrite-relative-links', // README images ship in the .vsix (docs/*.png)
    '--out', vsixPath,
  ]);
  checkContents();
  console.log(`package: ${vsixPath} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  return vsixPath;
}

/** The files the installed extension reads at run time, relative to the extension folder. */
function requiredFiles() {
  const files = ['package.json', 'dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/prism.wasm'];
  for (const folder of ['schemas', 'snippets']) {
    if (existsSync(join(root, folder)) && readdirSync(join(root, folder)).length > 0) files.push(`${folder}/`);
  }
  return files;
}

function checkContents() {
  const listing = zipEntryNames(readFileSync(vsixPath))
    .filter((entry) => entry.startsWith('extension/'))
    .map((entry) => entry.slice('extension/'.length));
  const missing = requiredFiles().filter((file) =>
    file.endsWith('/') ? !listing.some((entry) => entry.startsWith(file)) : !listing.includes(file),
  );
  const leaked = listing.filter((entry) => /^(node_modules|client|server|test|demo|bench|scripts)\/|\.ts$/.test(entry));
  if (missing.length || leaked.length) {
    throw new Error(`bad .vsix contents: missing [${missing.join(', ')}], should not ship [${leaked.join(', ')}]`);
  }
}

/** Names in a zip's central directory (enough to list a .vsix without an unzip binary). */
function zipEntryNames(zip) {
  const endOfDirectory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOfDirectory < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(endOfDirectory + 10);
  let offset = zip.readUInt32LE(endOfDirectory + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) packageExtension();
