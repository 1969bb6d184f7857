// npm run package: a minified build, then `vsce package` into internal-events-<version>.vsix at the
// repository root, then a check of what the .vsix holds (a missing dist/prism.wasm or schemas/ would
// only show as a broken server on a user's machine).
//
// vsce runs in a staging folder holding only what ships: in the repository it would walk every
// file first (the code-server install in .vscode-test, the generated benchmark workspace) and take
// a minute before .vscodeignore is even applied.
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync, readdirSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
export const vsixPath = join(root, `internal-events-${version}.vsix`);

function run(command, args, env = {}) {
  execFileSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

/** Top-level entries that ship (filtered further by .vscodeignore, which is staged too). */
const SHIPPED = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'dist', 'schemas', 'snippets', 'images', 'docs'];

function stage() {
  const staging = mkdtempSync(join(tmpdir(), 'ie-vsix-'));
  const shipped = (path) => {
    const inRepo = relative(root, path).split(sep).join('/');
    if (inRepo.endsWith('.map')) return false; // source maps stay out (size); builds keep them locally
    if (inRepo.startsWith('docs/')) return !/\.[a-z0-9]+$/i.test(inRepo) || inRepo.endsWith('.png'); // folders and README images
    return true;
  };
  for (const entry of SHIPPED) {
    if (existsSync(join(root, entry))) cpSync(join(root, entry), join(staging, entry), { recursive: true, filter: shipped });
  }
  return staging;
}

export function packageExtension() {
  const started = Date.now();
  run(process.execPath, ['scripts/build.mjs', 'dist'], { MINIFY: '1' });
  const staging = stage();
  try {
    execFileSync(
      process.execPath,
      [
        createRequire(import.meta.url).resolve('@vscode/vsce/vsce'),
        'package',
        '--no-dependencies', // everything the extension needs is bundled into dist/
        '--allow-missing-repository',
        '--no-rewrite-relative-links', // README images ship in the .vsix (docs/*.png)
        '--out', vsixPath,
      ],
      { cwd: staging, stdio: 'inherit' },
    );
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  checkContents();
  console.log(`package: ${vsixPath} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  return vsixPath;
}

/** The files the installed extension reads at run time, relative to the extension folder. */
function requiredFiles() {
  const built = readdirSync(join(root, 'dist'))
    .filter((name) => !name.endsWith('.map'))
    .map((name) => `dist/${name}`);
  const files = ['package.json', 'dist/client.js', 'dist/server.js', 'dist/prism.wasm', ...built];
  for (const folder of ['schemas', 'snippets']) {
    if (existsSync(join(root, folder)) && readdirSync(join(root, folder)).length > 0) files.push(`${folder}/`);
  }
  return [...new Set(files)];
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
