// key_path, file name and folder of a new internal-events metric, derived exactly as GitLab's CLI
// does (spec §2.6: Metric::Key, Metric::Identifier, Metric::TimeFrame).
import { folderForTimeFrames, isEeOnly } from '../rules/wrongFolder';

export interface MetricKeyOptions {
  /** What is counted uniquely ('user.id', 'project.id', 'namespace.id', 'label', ...); absent: total. */
  unique?: string;
  events: string[];
  /** One time frame, or the array form (one definition expanded per element at load time). */
  timeFrame: string | string[];
  tiers: string[];
}

export interface MetricKey {
  keyPath: string;
  /** The last dot-segment of key_path, also the file's base name. */
  value: string;
  path: string;
}

const TIME_FRAME_PART: Record<string, string> = { '7d': 'weekly', '28d': 'monthly' };

export function metricKey(o: MetricKeyOptions): MetricKey {
  const prefix = o.unique ? 'redis_hll_counters' : 'counts';
  const idPart = o.unique ? `distinct_${o.unique.replace(/\./g, '_')}_from` : 'total';
  // An array time frame gets its suffix per element at load time, so the base key has none.
  const tfPart = Array.isArray(o.timeFrame) ? undefined : TIME_FRAME_PART[o.timeFrame];
  const value = ['count', idPart, o.events.join('_and_'), tfPart].filter((p): p is string => Boolean(p)).join('_');
  const frames = Array.isArray(o.timeFrame) ? o.timeFrame : [o.timeFrame];
  const folder = folderForTimeFrames(frames, Array.isArray(o.timeFrame)) ?? 'counts_all';
  return { keyPath: `${prefix}.${value}`, value, path: `${isEeOnly(o.tiers) ? 'ee/' : ''}config/metrics/${folder}/${value}.yml` };
}
