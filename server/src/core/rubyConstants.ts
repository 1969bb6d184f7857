// Resolves Ruby constants that name events but are assigned in another file
// (`track_internal_event(Gitlab::Foo::EVENT)`, a spec's `let(:event) { Foo::Bar::EVENT }`). Rails'
// autoloader maps `A::B` to a file ending in `a/b.rb` under one of its roots (app/*, lib, ee/...);
// the constant `A::B::C` is looked for in that file, then in the files of the enclosing namespaces
// (`a.rb`), since small modules are often defined inside their parent's file. Files are parsed,
// never run; what each defines is read once and forgotten when it changes.
import type { RubyConstantRef } from './model';
import { candidateNames } from './callsites/ruby/names';
import { findRubyConstants } from './callsites/ruby';
import type { ImportResolution } from './importedConstants';

/** Larger Ruby files are not where constants live; they are not read. */
const MAX_FILE_CHARS = 512 * 1024;

/** The prefix of `consulted` entries that stand for "any file ending in this path". */
export const RUBY_SUFFIX_KEY = 'ruby-suffix:';

/** `IssueActivityUniqueCounter` → `issue_activity_unique_counter`, `HTTPClient` → `http_client`. */
export function underscore(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** Every suffix key a file answers to (`lib/gitlab/foo.rb` → `gitlab/foo.rb`, `foo.rb`, …). */
export function suffixKeysOf(rel: string): string[] {
  const parts = rel.split('/');
  return parts.map((_, i) => RUBY_SUFFIX_KEY + parts.slice(i).join('/'));
}

export class RubyConstants {
  /** String constants per file; null when the file is missing or unreadable. */
  private readonly files = new Map<string, Map<string, string> | null>();

  /**
   * readText: a workspace file's current text. filesEndingWith: the workspace's Ruby files whose
   * path ends with `/suffix` or equals it.
   */
  constructor(
    private readonly readText: (rel: string) => string | undefined,
    private readonly filesEndingWith: (suffix: string) => string[],
  ) {}

  forget(rel: string): void {
    this.files.delete(rel);
  }

  resolve(ref: RubyConstantRef): ImportResolution {
    const consulted: string[] = [];
    for (const full of candidateNames(ref.name, ref.nesting)) {
      const owner = full.split('::').slice(0, -1);
      // The owner's own file first, then its enclosing namespaces' files.
      for (let k = owner.length; k >= 1; k--) {
        const suffix = `${owner.slice(0, k).map(underscore).join('/')}.rb`;
        consulted.push(RUBY_SUFFIX_KEY + suffix); // a file created later at this path matters too
        for (const file of this.filesEndingWith(suffix)) {
          consulted.push(file);
          const value = this.constantsOf(file)?.get(ref.key === undefined ? full : `${full}[${ref.key}]`);
          if (value !== undefined) return { value, consulted };
        }
      }
    }
    return { value: null, consulted };
  }

  private constantsOf(file: string): Map<string, string> | null {
    if (this.files.has(file)) return this.files.get(file)!;
    const text = this.readText(file);
    const constants = text === undefined || text.length > MAX_FILE_CHARS ? null : findRubyConstants(text);
    this.files.set(file, constants);
    return constants;
  }
}
