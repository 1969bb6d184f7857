// Turns Ajv's errors into diagnostics people can act on: each points at the offending key or
// value, anyOf/oneOf failures explain only the branch that came closest, enum errors list the
// allowed values (or those near a typo, with the one it means), and GitLab's `x-error` wins where present.
import type { ErrorObject } from 'ajv';
import type { Diagnostic } from './model';
import type { RangedYaml } from './definitionYaml/rangedYaml';
import { closest, didYouMean, editDistance, normalizedSlug } from './suggest';

/** Ajv error keywords that only summarise errors reported elsewhere. */
const SUMMARY_KEYWORDS = new Set(['if', 'anyOf', 'oneOf', 'allOf', 'then', 'else', '$ref']);

export interface SchemaErrorOptions {
  /** Instance pointers whose errors another rule reports better (e.g. an unquoted milestone). */
  suppressPointers?: Set<string>;
}

export function schemaDiagnostics(errors: ErrorObject[], yaml: RangedYaml, opts: SchemaErrorOptions = {}): Diagnostic[] {
  const chosen = pruneBranches(errors);
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const err of chosen) {
    if (SUMMARY_KEYWORDS.has(err.keyword)) continue;
    if (opts.suppressPointers?.has(err.instancePath)) continue;
    const d = toDiagnostic(err, yaml);
    const dedupe = `${d.range.start.line}:${d.range.start.character}:${d.message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    out.push(d);
  }
  return out;
}

/**
 * For every failed anyOf/oneOf, keep the errors of the branch that came closest and drop the
 * others: a user who wrote an array time_frame wants to hear about the array, not the string.
 */
function pruneBranches(errors: ErrorObject[]): ErrorObject[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  if (unions.length === 0) return errors;
  let kept = errors;
  // Innermost unions first so that outer choices see already-pruned branches.
  unions.sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const u of unions) {
    const prefix = u.schemaPath.slice(0, -u.keyword.length) + u.keyword + '/';
    const byBranch = new Map<number, ErrorObject[]>();
    for (const e of kept) {
      if (!e.schemaPath.startsWith(prefix)) continue;
      const idx = Number(e.schemaPath.slice(prefix.length).split('/')[0]);
      if (!byBranch.has(idx)) byBranch.set(idx, []);
      byBranch.get(idx)!.push(e);
    }
    if (byBranch.size === 0) continue;
    let best = -1;
    let bestScore = Infinity;
    for (const [idx, errs] of byBranch) {
      const score = branchScore(errs, u.instancePath);
      if (score < bestScore) {
        bestScore = score;
        best = idx;
      }
    }
    kept = kept.filter((e) => !e.schemaPath.startsWith(prefix) || e.schemaPath.startsWith(prefix + best + '/'));
  }
  return kept;
}

/** Lower is closer. A type mismatch at the union's own level means the branch never applied. */
function branchScore(errs: ErrorObject[], unionPointer: string): number {
  let score = 0;
  for (const e of errs) {
    if (SUMMARY_KEYWORDS.has(e.keyword)) continue;
    const depth = e.instancePath.length - unionPointer.length;
    if (e.keyword === 'type' && depth <= 0) score += 100;
    else if (hasXError(e)) score += 0.5; // GitLab wrote a message for exactly this case
    else score += 1;
  }
  return score;
}

function hasXError(e: ErrorObject): boolean {
  return typeof (e.parentSchema as Record<string, unknown> | undefined)?.['x-error'] === 'string';
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `'${v}'`;
  return String(v);
}

function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** A name for the value at a pointer: the key, or "tiers item" for an element of a list. */
function lastSegment(pointer: string): string {
  const parts = pointer.split('/');
  const last = parts[parts.length - 1];
  if (/^\d+$/.test(last) && parts.length > 2) return `${parts[parts.length - 2]} item`;
  return last || '(document)';
}

function toDiagnostic(err: ErrorObject, yaml: RangedYaml): Diagnostic {
  const where = err.instancePath;
  const name = lastSegment(where);
  const xError = (err.parentSchema as Record<string, unknown> | undefined)?.['x-error'];
  const mk = (message: string, prefer: 'key' | 'value', pointer = where, suggestion?: string): Diagnostic => ({
    range: yaml.rangeForPointer(pointer, typeof xError === 'string' ? 'key' : prefer),
    severity: 'error',
    code: 'schema',
    message: typeof xError === 'string' ? plainText(xError) : message,
    // The one value meant, for the quick fix that writes it (not when GitLab's own message is shown).
    data: { keyword: err.keyword, pointer, ...(suggestion && typeof xError !== 'string' ? { suggestion } : {}) },
  });
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      const pointer = `${where}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const allowed = Object.keys(((err.parentSchema as Record<string, unknown>)?.properties as object) ?? {});
      const suggestion = didYouMean(extra, allowed, 1)[0];
      const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
      return mk(`Unknown key '${extra}'${where ? ` in ${name}` : ''}.${hint}`, 'key', pointer, suggestion);
    }
    case 'required': {
      const missing = String(p.missingProperty);
      return mk(`Missing required key '${missing}'${where ? ` in ${name}` : ''}.`, 'key');
    }
    case 'type': {
      const expected = Array.isArray(p.type) ? (p.type as string[]).join(' or ') : String(p.type);
      return mk(`'${name}' must be ${article(expected)}, not ${jsonTypeOf(err.data)} (${describeValue(err.data)}).`, 'value');
    }
    case 'enum': {
      const { meant, advice } = enumAdvice(String(err.data), p.allowedValues as unknown[]);
      return mk(`${describeValue(err.data)} is not a valid ${name}. ${advice}`, 'value', where, meant);
    }
    case 'const':
      return mk(`'${name}' must be ${describeValue(p.allowedValue)}${p.allowedValue === true ? ' (omit the key otherwise)' : ''}.`, 'value');
    case 'pattern':
      return mk(`${describeValue(err.data)} does not match the pattern ${String(p.pattern)} required for ${name}.`, 'value');
    case 'format': {
      if (p.format === 'known_product_category') {
        return mk(`${describeValue(err.data)} is not a known product category (see config/feature_categories.yml).`, 'value');
      }
      if (p.format === 'uri') return mk(`${describeValue(err.data)} is not a URL (expected e.g. https://gitlab.com/…/merge_requests/123).`, 'value');
      return mk(`${describeValue(err.data)} is not a valid ${String(p.format)}.`, 'value');
    }
    case 'false schema':
      return mk(`'${name}' is not allowed here.`, 'key');
    case 'uniqueItems':
      return mk(`'${name}' lists the same value twice (items ${String(p.j)} and ${String(p.i)}).`, 'value');
    case 'minItems':
      return mk(`'${name}' needs at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}.`, 'value');
    default:
      return mk(`${name}: ${err.message ?? 'is invalid'}.`, 'value');
  }
}

/**
 * The allowed value a typo means: `group::code review` is `code_review` (an old spelling),
 * `code_reviews` and `users` are slips of `code_review` and `user`.
 */
function meantValue(value: string, allowed: string[]): string | undefined {
  const slug = normalizedSlug(value);
  if (slug !== value) {
    const spelled = allowed.find((a) => a === slug || a === slug.replace(/_/g, '-'));
    if (spelled) return spelled;
  }
  const near = didYouMean(slug, allowed, 2);
  // Two equally near values: listing them (below) is more honest than picking one.
  return near.length === 1 || (near.length > 1 && editDistance(slug, near[0]) < editDistance(slug, near[1])) ? near[0] : undefined;
}

/** Short lists in full; of a long one the values near the typo, if any is near. */
interface EnumAdvice {
  meant: string | undefined;
  advice: string;
}

/**
 * Remembered by enum (the schema's own array, as Ajv reports it) and value: a load reports the
 * same wrong value in many files (the bench: one product group in hundreds), and each answer is an
 * edit distance to every allowed value. Bounded, since each keystroke in an open file can be a new value.
 */
const enumAdvices = new WeakMap<unknown[], Map<string, EnumAdvice>>();
const MAX_ADVICES_PER_ENUM = 500;

function enumAdvice(value: string, allowedValues: unknown[]): EnumAdvice {
  let advices = enumAdvices.get(allowedValues);
  if (!advices) enumAdvices.set(allowedValues, (advices = new Map()));
  let answer = advices.get(value);
  if (!answer) {
    const allowed = allowedValues.map(String);
    const meant = meantValue(value, allowed);
    answer = { meant, advice: meant ? `Did you mean '${meant}'?` : allowedValuesText(value, allowed) };
    if (advices.size >= MAX_ADVICES_PER_ENUM) advices.clear();
    advices.set(value, answer);
  }
  return answer;
}

function allowedValuesText(value: string, allowed: string[]): string {
  if (allowed.length <= 12) return `Allowed: ${allowed.join(', ')}.`;
  const slug = normalizedSlug(value);
  const isNear = (a: string) => editDistance(slug, a.toLowerCase()) <= Math.max(2, Math.floor(slug.length / 2)) || (slug.length >= 3 && a.startsWith(slug));
  const near = [...allowed.filter((a) => slug.length >= 3 && a.startsWith(slug)), ...closest(slug, allowed, 5)].filter((a, i, all) => isNear(a) && all.indexOf(a) === i).slice(0, 5);
  if (near.length) return `Closest allowed values: ${near.join(', ')} (${allowed.length} in all).`;
  return `None of the ${allowed.length} allowed values is close; completion lists them.`;
}

/** Problems panels show text, not markdown: `code` spans become quotes. */
export function plainText(message: string): string {
  return message.replace(/`([^`]*)`/g, "'$1'");
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
