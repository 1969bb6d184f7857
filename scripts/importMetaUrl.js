// Injected into every bundle (see build.mjs): ESM-only packages bundled into CommonJS (fdir, under
// tinyglobby, calls createRequire(import.meta.url) when loaded) get the bundle's own URL.
export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;
