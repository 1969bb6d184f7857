// Values the CLI leaves for the author to fill in (TODO, "<id>", ...) must not be merged.
import type { Diagnostic } from '../model';
import type { RangedYaml, YamlPath } from '../definitionYaml/rangedYaml';

// Case-sensitive on purpose: "todo" is a GitLab feature name and appears in real descriptions.
const PLACEHOLDER = /^\s*(TODO|TBD|FIXME)\b|\/(TODO|<[^<>\s]+>)$|<(id|url|mr|iid|number|description|name)>/;

export function placeholders(yaml: RangedYaml): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (v: unknown, path: YamlPath) => {
    if (typeof v === 'string') {
      if (PLACEHOLDER.test(v)) {
        const range = yaml.valueRange(path);
        if (range) {
          out.push({
            range,
            severity: 'warning',
            code: 'placeholder',
            message: `Placeholder value for ${path.filter((p) => typeof p === 'string').join('.') || 'this key'}: replace '${v}' before merging.`,
          });
        }
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(yaml.value, []);
  return out;
}
