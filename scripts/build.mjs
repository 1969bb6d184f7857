// Builds everything with esbuild:
//   dist/  - what ships: client.js (extension), server.js (language server), cli.js, bench.js, prism.wasm
//   out/test/ - every *.test.ts bundled on its own for mocha
// Bundles keep node_modules external in tests (faster builds) except @ruby/prism, which is ESM-only
// and must be bundled to be required from CommonJS on Node 20.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, statSync, rmSync, chmodSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2]; // optional: "dist" or "test"

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  // import.meta.url in ESM-only packages is the bundle's own URL, not undefined (scripts/importMetaUrl.js).
  define: { 'import.meta.url': 'importMetaUrl' },
  inject: [join(root, 'scripts/importMetaUrl.js')],
};

const externalExceptPrism = {
  name: 'external-node-modules-except-prism',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@ruby/prism')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

// @vue/compiler-sfc can call optional template engines (pug, ejs, ...) for <template lang="x">.
// None ships with the extension: a template in such a language is simply not analysed.
const OPTIONAL_TEMPLATE_ENGINES = ['atpl', 'babel-core', 'bracket-template', 'coffee-script', 'dot', 'dustjs-linkedin', 'eco', 'ect', 'ejs',
  'haml-coffee', 'hamlet', 'hamljs', 'handlebars', 'hogan.js', 'htmling', 'jazz', 'jqtpl', 'just', 'liquor', 'marko', 'mote', 'mustache',
  'plates', 'ractive', 'react', 'react-dom/server', 'slm', 'squirrelly', 'teacup/lib/express', 'templayed', 'toffee', 'twig', 'twing', 'vash',
  'velocityjs', 'walrus', 'whiskers', 'pug', 'jade', 'swig', 'swig-templates', 'nunjucks', 'underscore', 'lodash', 'qejs', 'arc-templates',
  'tinyliquid', 'liquid-node', 'razor-tmpl', 'atpl', 'then-pug', 'then-jade', 'templayed', 'dust', 'dustjs-helpers', 'hamljs', 'haml-coffee'];

async function buildDist() {
  mkdirSync(join(root, 'dist'), { recursive: true });
  await build({
    ...common,
    entryPoints: {
      server: 'server/src/server.ts',
      cli: 'server/src/cli.ts',
      indexWorker: 'server/src/indexWorker.ts',
      // The MCP SDK and zod (3 MB) in a bundle of their own, loaded by `cli.js mcp` only.
      mcp: 'server/src/mcpServer.ts',
      client: 'client/src/extension.ts',
    },
    outdir: 'dist',
    external: ['vscode', ...OPTIONAL_TEMPLATE_ENGINES],
    minify: process.env.MINIFY === '1',
  });
  chmodSync(join(root, 'dist/cli.js'), 0o755);
  copyFileSync(join(root, 'node_modules/@ruby/prism/src/prism.wasm'), join(root, 'dist/prism.wasm'));
}

async function buildTests() {
  if (!process.env.TEST_FILTER) rmSync(join(root, 'out'), { recursive: true, force: true });
  const entries = [...walk(join(root, 'test')), ...walk(join(root, 'bench'))]
    .filter((p) => p.endsWith('.test.ts') || p.endsWith('bench/main.ts'))
    // TEST_FILTER=ruby builds only the test files whose path contains "ruby" (quick inner loop).
    .filter((p) => !process.env.TEST_FILTER || p.includes(process.env.TEST_FILTER))
    .map((p) => p.slice(root.length + 1));
  await build({
    ...common,
    entryPoints: entries,
    outdir: 'out',
    outbase: '.',
    plugins: [externalExceptPrism],
  });
}

if (!only || only === 'dist') await buildDist();
if (!only || only === 'test') await buildTests();
