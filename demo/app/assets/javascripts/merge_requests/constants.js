// Event names used by the merge request diff components.
export const DIFF_TRACKING_EVENTS = Object.freeze({
  EXPAND_ALL: 'expand_all_diff_files_in_demo',
  COLLAPSE_ALL: 'collapse_all_diff_files_in_demo',
});
