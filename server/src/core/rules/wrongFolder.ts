// M15 / E9: a metric lives in the folder of its time frame, and under ee/ exactly when its tiers
// exclude free. Reviewers check this by hand today (spec §3.2); it is a warning, not an error.
import type { Diagnostic } from '../model';
import type { MetricFileRule } from './types';

/** The folder GitLab's CLI writes a metric with these time frames to. */
export function folderForTimeFrames(timeFrames: string[], isArray: boolean): string | undefined {
  if (isArray) return timeFrames.length ? 'counts_all' : undefined;
  switch (timeFrames[0]) {
    case '7d':
      return 'counts_7d';
    case '28d':
      return 'counts_28d';
    case 'all':
      return 'counts_all';
    default:
      return undefined; // 'none' metrics live in settings/ or license/: several folders are right
  }
}

export function isEeOnly(tiers: string[]): boolean {
  return tiers.length > 0 && !tiers.includes('free');
}

const METRIC_PATH = /^(ee\/)?config\/metrics\/([^/]+)\/([^/]+)$/;

export const wrongFolder: MetricFileRule = {
  code: 'wrong-folder',
  check(def, yaml) {
    const m = METRIC_PATH.exec(def.file);
    if (!m) return [];
    const [, ee, folder, base] = m;
    const wantFolder = folderForTimeFrames(def.timeFrames, def.timeFrameIsArray) ?? folder;
    const wantEe = def.tiers.length ? isEeOnly(def.tiers) : Boolean(ee);
    if (wantFolder === folder && wantEe === Boolean(ee)) return [];
    const expectedPath = `${wantEe ? 'ee/' : ''}config/metrics/${wantFolder}/${base}`;
    const reasons: string[] = [];
    if (wantFolder !== folder) reasons.push(`time_frame ${JSON.stringify(def.timeFrameIsArray ? def.timeFrames : def.timeFrames[0])} belongs in ${wantFolder}/`);
    if (wantEe !== Boolean(ee)) reasons.push(wantEe ? `tiers [${def.tiers.join(', ')}] exclude free, so the file belongs under ee/` : `tiers include free, so the file does not belong under ee/`);
    const d: Diagnostic = {
      range: (wantFolder !== folder ? yaml.keyRange(['time_frame']) : yaml.keyRange(['tiers'])) ?? yaml.headRange(),
      severity: 'warning',
      code: 'wrong-folder',
      message: `This metric should be at ${expectedPath}: ${reasons.join('; ')}.`,
      data: { expectedPath },
    };
    return [d];
  },
};
