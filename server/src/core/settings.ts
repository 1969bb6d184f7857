// What the user can configure (the `internalEvents.*` settings). Defaults follow GitLab's layout.
import type { CustomCallForm } from './model';

export interface IndexSettings {
  eventGlobs: string[];
  removedEventGlobs: string[];
  metricGlobs: string[];
  metricExcludeGlobs: string[];
  sourceExcludeGlobs: string[];
  /** Source files larger than this are skipped with a log line (generated/minified code). */
  maxSourceFileSize: number;
  customCallForms: CustomCallForm[];
  /** Other checkouts (relative to the folder) whose definitions and schemas are read, read-only. */
  definitionRoots: string[];
}

export const DEFAULT_SETTINGS: IndexSettings = {
  eventGlobs: ['config/events/*.yml', 'ee/config/events/*.yml'],
  removedEventGlobs: ['config/events/removed/*.yml', 'ee/config/events/removed/*.yml'],
  metricGlobs: ['config/metrics/**/*.yml', 'ee/config/metrics/**/*.yml'],
  metricExcludeGlobs: ['**/schema/**', '**/objects_schemas/**', '**/aggregates/**'],
  sourceExcludeGlobs: ['**/node_modules/**', '**/vendor/**', '**/.git/**', '**/tmp/**', '**/public/**', '**/coverage/**'],
  maxSourceFileSize: 1024 * 1024,
  customCallForms: [],
  definitionRoots: [],
};

/** Settings from the editor or a config file, with wrong-typed values replaced by defaults. */
export function normalizeSettings(raw: unknown): IndexSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const list = (k: keyof IndexSettings): string[] => {
    const v = r[k];
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : (DEFAULT_SETTINGS[k] as string[]);
  };
  const forms = Array.isArray(r.customCallForms)
    ? (r.customCallForms as unknown[]).filter(isCustomCallForm)
    : DEFAULT_SETTINGS.customCallForms;
  const size = typeof r.maxSourceFileSize === 'number' && r.maxSourceFileSize > 0 ? r.maxSourceFileSize : DEFAULT_SETTINGS.maxSourceFileSize;
  return {
    eventGlobs: list('eventGlobs'),
    removedEventGlobs: list('removedEventGlobs'),
    metricGlobs: list('metricGlobs'),
    metricExcludeGlobs: list('metricExcludeGlobs'),
    sourceExcludeGlobs: list('sourceExcludeGlobs'),
    maxSourceFileSize: size,
    customCallForms: forms,
    definitionRoots: list('definitionRoots'),
  };
}

function isCustomCallForm(v: unknown): v is CustomCallForm {
  if (!v || typeof v !== 'object') return false;
  const f = v as Record<string, unknown>;
  return (
    Array.isArray(f.extensions) &&
    f.extensions.every((e) => typeof e === 'string') &&
    typeof f.method === 'string' &&
    f.method.length > 0 &&
    typeof f.argumentIndex === 'number' &&
    (f.receiver === undefined || typeof f.receiver === 'string')
  );
}
