// Loads the Prism Ruby parser (WebAssembly) without going through the package's own loadPrism():
// that one locates prism.wasm via import.meta.url, which points at the wrong place once esbuild
// has bundled the package into dist/server.js. We compile the same wasm module the same way, and
// guard against the one way Prism can break its instance: running out of its 64 KiB C stack.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePrism } from '@ruby/prism/src/parsePrism.js';
import type { ParseResult } from '@ruby/prism/src/deserialize.js';
import { rubyOverBudget } from '../../budget/rubyNesting';

export type { ParseResult };

/**
 * The part of the WebAssembly global we use. The project's TypeScript lib (ES2022, no DOM) has no
 * WebAssembly declarations, though Node provides the global.
 */
interface WasmExports {
  memory?: { buffer: ArrayBuffer };
  __stack_low?: { value: number };
}
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  Instance: new (module: object, imports: object) => { exports: WasmExports };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Thrown by parseRuby when Prism could not parse a text safely (the instance is replaced). */
export class PrismFailure extends Error {
  /** Where in the text, when known. */
  offset = 0;
}

/**
 * Prism's C stack lives in wasm memory just above the static data, and nothing stops it from
 * overflowing into that data (deeply nested code such as 300 parentheses does): the instance is
 * corrupt afterwards, sometimes without a trap. We fill the lowest bytes of the stack with a
 * pattern before each parse; if any changed, the parse came too close, and the result and the
 * instance are both discarded. Normal code uses a few KiB of the 64.
 */
const CANARY_BYTES = 8 * 1024;
const CANARY_VALUE = 0xa5;

let compiledModule: object | null = null;
let prismExports: WasmExports | null = null;
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
 * Node 20 warns "WASI is an experimental feature" when node:wasi is loaded. The language
 * server's stderr is shown to users as its log, so we silence that one warning (and only while
 * loading it) instead of every warning.
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

/** A fresh instance of the compiled module (synchronous, so a broken one can be replaced mid-scan). */
function instantiate(module: object): WasmExports {
  // Required here rather than imported: Node 20 emits the warning when node:wasi is first
  // loaded, and only a require inside the filter can keep it quiet.
  const wasi = withoutWasiWarning(() => {
    const { WASI } = require('node:wasi') as typeof import('node:wasi');
    return new WASI({ version: 'preview1' });
  });
  const instance = new wasmApi.Instance(module, wasi.getImportObject());
  wasi.initialize(instance);
  return instance.exports;
}

async function load(): Promise<void> {
  const wasmPath = findPrismWasm();
  if (!wasmPath) throw new Error('prism.wasm not found (looked next to the bundle and in node_modules/@ruby/prism)');
  compiledModule = await wasmApi.compile(await fs.promises.readFile(wasmPath));
  prismExports = instantiate(compiledModule);
}

/** Loads the parser once; later calls return the same promise. Never rejects. */
export function initPrism(): Promise<void> {
  if (!loading) {
    loading = load().catch((err: unknown) => {
      loadError = err instanceof Error ? err : new Error(String(err));
    });
  }
  return loading;
}

/** Why the parser is unavailable, if loading failed. */
export function prismLoadError(): Error | null {
  return loadError;
}

function canary(exports: WasmExports): Uint8Array | null {
  const low = exports.__stack_low?.value;
  if (!exports.memory || typeof low !== 'number') return null;
  // A fresh view each time: growing the memory detaches earlier buffers.
  return new Uint8Array(exports.memory.buffer, low, CANARY_BYTES);
}

function canaryIntact(exports: WasmExports): boolean {
  const bytes = canary(exports);
  if (!bytes) return true;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== CANARY_VALUE) return false;
  return true;
}

/**
 * Parses Ruby source; null when the parser is not loaded (initPrism not awaited or failed).
 * Throws PrismFailure when the parse was unsafe; the next call gets a fresh instance.
 */
export function parseRuby(source: string): ParseResult | null {
  const exports = prismExports;
  if (!exports || !compiledModule) return null;
  // Nesting past Prism's stack can make it loop forever, where no canary is ever read again.
  const over = rubyOverBudget(source);
  if (over) throw Object.assign(new PrismFailure(over.message), { offset: over.offset });
  canary(exports)?.fill(CANARY_VALUE);
  let result: ParseResult;
  try {
    result = parsePrism(exports, source);
  } catch (err) {
    prismExports = instantiate(compiledModule);
    throw new PrismFailure(`The Ruby parser gave up on this file (${err instanceof Error ? err.message : String(err)}); tracking calls in this file are not checked.`);
  }
  if (!canaryIntact(exports)) {
    prismExports = instantiate(compiledModule);
    throw new PrismFailure('The Ruby parser gave up on this file (it ran out of stack: the code is nested too deeply); tracking calls in this file are not checked.');
  }
  return result;
}

/** The bytes Prism's WebAssembly memory holds: it grows to the largest parse and never shrinks. */
export function prismMemoryBytes(): number {
  return prismExports?.memory?.buffer.byteLength ?? 0;
}

