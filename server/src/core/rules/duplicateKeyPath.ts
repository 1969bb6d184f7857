// M1: key paths are unique after array time_frame expansion (so `x` with [7d, 28d] collides with
// a separate `x_weekly`).
import type { Diagnostic } from '../model';
import type { MetricIndexRule } from './types';

export const duplicateKeyPath: MetricIndexRule = {
  code: 'duplicate-key-path',
  check(def, index) {
    if (!def.keyPathRange) return [];
    const out: Diagnostic[] = [];
    for (const { keyPath } of def.expandedKeyPaths) {
      const others = index.metricsWithKeyPath(keyPath).filter((m) => m !== def && m.file !== def.file);
      if (others.length === 0) continue;
      out.push({
        range: def.keyPathRange,
        severity: 'error',
        code: 'duplicate-key-path',
        message: `Metric '${keyPath}' is already defined in ${others.map((o) => o.file).join(', ')}.`,
        data: { keyPath, others: others.map((o) => o.file) },
      });
    }
    return out;
  },
};
