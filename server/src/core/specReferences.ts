// Which references to an event are specs: RSpec matchers, Jest assertions on the tracking spy, and
// anything found in a test file (an attribute map a spec compares against, a helper called from a
// spec). Specs are counted apart in the code lens, and an event only specs name is still unused.
import type { CallSite } from './model';

/**
 * GitLab's test trees (spec/, ee/spec/, jh/spec/), __tests__ folders, *_spec.rb, *.spec.js / *_spec.js,
 * and pytest's files (test_*.py, *_test.py, conftest.py) in the Python services.
 */
const SPEC_FILE = /^(?:ee\/|jh\/)?spec\/|(?:^|\/)__tests__\/|[._]spec\.[cm]?[jt]sx?$|_spec\.rb$|(?:^|\/)(?:test_[^/]*|[^/]*_test|conftest)\.py$/;

export function isSpecFile(file: string): boolean {
  return SPEC_FILE.test(file);
}

export function isSpecReference(file: string, site: CallSite): boolean {
  return site.kind.startsWith('rspec.') || site.kind.startsWith('jest.') || site.kind.startsWith('pytest.') || isSpecFile(file);
}
