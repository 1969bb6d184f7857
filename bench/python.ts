// The Python finder's figures (issue 14): throughput on 1,000 generated service files of 1,000
// lines each (a typed client injected once, a tracking call every few handlers, some REST calls),
// and the time per file at p50/p95 (target: p95 <= 5 ms). Beside it, in the same run, the cost of
// parsing each whole file with the same parser: what parsing only the blocks around needle lines saves.
import { parser } from '@lezer/python';
import { findCallSites } from '../server/src/core/callsites/index';

/** A service module in the AI Gateway's shape (own text), `lines` long. */
export function pythonServiceFile(lines: number, seed: number): string {
  const out = [
    'from ai_gateway.internal_events import InternalEventsClient, InternalEventAdditionalProperties',
    'import logging',
    '',
    `EVENT_NAME = "request_generated_${seed}"`,
    '',
    `class Service${seed}:`,
    '    def __init__(self, internal_event_client: InternalEventsClient, model):',
    '        self.internal_event_client = internal_event_client',
    '        self.model = model',
    '',
  ];
  for (let i = 1; out.length < lines; i++) {
    out.push(`    async def handle_${i}(self, request, payload: dict) -> dict:`, `        """Handles request kind ${i}."""`);
    out.push(`        result = await self.model.generate(payload["prompt"], max_tokens=${i * 16})`);
    for (let k = 0; k < 8; k++) out.push(`        value_${k} = [x * ${k} for x in range(${i}) if x % 3 == ${k % 3}]`, `        logging.info("computed %s", value_${k})`);
    if (i % 8 === 0) {
      out.push('        self.internal_event_client.track_event(', `            "request_feature_${(seed + i) % 50}",`, '            category=__name__,');
      out.push(`            additional_properties=InternalEventAdditionalProperties(label="h${i}", property=request.model, value=${i}),`, '        )');
    }
    if (i % 20 === 0) out.push(`        requests.post(f"{self.base}/api/v4/usage_data/track_event", json={"event": "rest_event_${i}"})`);
    out.push(`        return {"result": result, "n": ${i}}`, '');
  }
  return out.slice(0, lines).join('\n') + '\n';
}

function quantile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))];
}

export function pythonBench(): void {
  const files = Array.from({ length: 1000 }, (_, i) => pythonServiceFile(1000, i));
  const options = { customForms: [] };
  console.log('\nPython finder (1,000 generated service files, 1,000 lines each)');
  for (let round = 1; round <= 3; round++) {
    const finder: number[] = [];
    const whole: number[] = [];
    let sites = 0;
    const start = performance.now();
    for (const text of files) {
      const t = performance.now();
      sites += findCallSites(text, 'ai_gateway/api/service.py', options)!.callSites.length;
      finder.push(performance.now() - t);
    }
    const total = performance.now() - start;
    // Side by side: the whole file through the same parser (every 10th file, to keep the run short).
    for (let i = 0; i < files.length; i += 10) {
      const t = performance.now();
      parser.parse(files[i]);
      whole.push(performance.now() - t);
    }
    console.log(
      `  round ${round}: ${Math.round((files.length / total) * 1000)} files/s; per file p50 ${quantile(finder, 0.5).toFixed(2)} ms, p95 ${quantile(finder, 0.95).toFixed(2)} ms (target p95 <= 5 ms); ${sites} sites; whole-file parse p50 ${quantile(whole, 0.5).toFixed(1)} ms, p95 ${quantile(whole, 0.95).toFixed(1)} ms`,
    );
  }
  console.log(`  load: ${require('node:os').loadavg().map((l: number) => l.toFixed(2)).join(' ')}`);
}
