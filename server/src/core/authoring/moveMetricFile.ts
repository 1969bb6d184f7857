// Quick fix on wrong-folder: move the metric file to the folder its time frame and tiers require.
import type { Diagnostic } from '../model';
import type { AuthoringFix, FileExists } from './types';

export function moveMetricFileFix(rel: string, diagnostic: Diagnostic, exists: FileExists): AuthoringFix | undefined {
  const target = diagnostic.data?.expectedPath;
  if (typeof target !== 'string' || target === rel || !/^(ee\/)?config\/metrics\/[^/]+\/[^/]+\.yml$/.test(target)) return undefined;
  const title = `Move to ${target}`;
  if (exists(target)) return { title, diagnostic, changes: [], disabledReason: `${target} already exists`, writesFiles: true };
  return { title, diagnostic, preferred: true, writesFiles: true, changes: [{ kind: 'rename', from: rel, to: target }] };
}
