// Loads the Prism Ruby parser (WebAssembly) without going through the package's own loadPrism():
// that one locates prism.wasm via import.meta.url, which points at the wrong place once esbuild
// has bundled the package into dist/server.js. We compile the same wasm module the same way.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePrism } from '@ruby/prism/src/parsePrism.js';
import type { ParseResult } from '@ruby/prism/src/deserialize.js';

export type { ParseResult };

/**
 * The part of the WebAssembly global we use. The project's TypeScript lib (ES2022, no DOM) has no
 * WebAssembly declarations, though Node provides the global.
 */
interface WasmInstance {
  exports: object;
}
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<WasmInstance>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The instantiated module's exports; null until initPrism() has succeeded. */
let prismExports: object | null = null;
let loading: Promise<void> | null = null;
let loadError: Error | null = null;

/**
 * Where prism.wasm is: next to the bundle (the build copies it into dist/), else inside the
 * installed package (tests and unbundled runs).
 */
export function findPrismWasm(): string | null {
  const candidates = [path.join(__dirname, 'prism.wasm')];
  try {
    candidates.push(path.join(path.dirname(require.resolve('@ruby/prism/package.json')), 'src', 'prism.wasm'));
  } catch {
    // Resolution can fail (e.g. a package with restrictive "exports"); walking up finds it anyway.
  }
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'node_modules', '@ruby', 'prism', 'src', 'prism.wasm'));
    if (path.dirname(dir) === dir) break;
  }
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

/**
 * Node 20 warns "WASI is an experimental feature" when node:wasi is loaded. The
 * language server's stderr is shown to users as its log, so we silence that one warning (and
 * only while loading it) instead of every warning.
 */
function withoutWasiWarning<T>(build: () => T): T {
  const original = process.emitWarning;
  const filtered = function (this: unknown, warning: string | Error, ...rest: unknown[]): void {
    const message = typeof warning === 'string' ? warning : warning.message;
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    if (type === 'ExperimentalWarning' && /WASI/.test(message)) return;
    // Forwarding keeps every other warning's exact arguments (the overloads are awkward to type).
    (original as (...args: unknown[]) => void).call(process, warning, ...rest);
  };
  process.emitWarning = filtered as typeof process.emitWarning;
  try {
    return build();
  } finally {
    process.emitWarning = original;
  }
}

async function instantiate(): Promise<void> {
  const wasmPath = findPrismWasm();
  if (!wasmPath) throw new Error('prism.wasm not found (looked next to the bundle and in node_modules/@ruby/prism)');
  const wasm = await wasmApi.compile(await fs.promises.readFile(wasmPath));
  // Required here rather than imported: Node 20 emits the warning when node:wasi is first
  // loaded, and only a require inside the filter can keep it quiet.
  const wasi = withoutWasiWarning(() => {
    const { WASI } = require('node:wasi') as typeof import('node:wasi');
    return new WASI({ version: 'preview1' });
  });
  const instance = await wasmApi.instantiate(wasm, wasi.getImportObject());
  wasi.initialize(instance);
  prismExports = instance.exports;
}

/** Loads the parser once; later calls return the same promise. Never rejects. */
export function initPrism(): Promise<void> {
  if (!loading) {
    loading = instantiate().catch((err: unknown) => {
      loadError = err instanceof Error ? err : new Error(String(err));
    });
  }
  return loading;
}

/** Why the parser is unavailable, if loading failed. */
export function prismLoadError(): Error | null {
  return loadError;
}

/** Parses Ruby source; null when the parser is not loaded (initPrism not awaited or failed). */
export function parseRuby(source: string): ParseResult | null {
  if (!prismExports) return null;
  return parsePrism(prismExports, source);
}
