// Quick fix on missing-identifier: pass the identifier the unique metric counts, with the
// expression GitLab's own calls most often use for it (`user: current_user`). The author adjusts
// the expression if the method names it otherwise; the keyword is what the metric needs.
import type { Diagnostic } from '../model';
import type { ProjectIndex } from '../projectIndex';
import { LineIndex } from '../text';
import { callSiteAt } from './callSiteAt';
import type { AuthoringFix } from './types';

const USUAL_EXPRESSION: Record<string, string> = { user: 'current_user', project: 'project', namespace: 'namespace' };

export function passIdentifierFix(index: ProjectIndex, rel: string, text: string, diagnostic: Diagnostic): AuthoringFix | undefined {
  const identifier = diagnostic.data?.identifier;
  if (typeof identifier !== 'string' || !USUAL_EXPRESSION[identifier]) return undefined;
  const site = callSiteAt(index, rel, text, diagnostic.range);
  // Through a wrapper the identifiers come from the wrapper's own call: that is the one to change.
  if (!site?.argsRange || site.identifiers.includes(identifier)) return undefined;
  // The API helper takes ids (`project_id:`), whose expression only the author knows.
  if (site.kind === 'ruby.api_track_event' && identifier !== 'user') return undefined;
  const lines = new LineIndex(text);
  const start = lines.offsetAt(site.argsRange.start);
  const args = text.slice(start, lines.offsetAt(site.argsRange.end));
  // A braced hash after the name is a positional argument: a keyword added after it would not join it.
  if (/^[^,]*,\s*\{/.test(args)) return undefined;
  const last = args.trimEnd().length;
  if (last === 0) return undefined;
  const keyword = `${identifier}: ${USUAL_EXPRESSION[identifier]}`;
  const trailingComma = args[last - 1] === ',';
  const at = lines.positionAt(start + last);
  return {
    title: `Pass '${keyword}'`,
    diagnostic,
    preferred: true,
    changes: [{ kind: 'edit', path: rel, edits: [{ range: { start: at, end: at }, newText: trailingComma ? ` ${keyword},` : `, ${keyword}` }] }],
  };
}
