// The rule registry: which rules run on which kind of file.
import type { Diagnostic } from '../model';
import type { CallSiteRule, EventFileRule, EventIndexRule, MetricFileRule, MetricIndexRule } from './types';
import { categoryOnInternalEvent } from './categoryOnInternalEvent';
import { legacyInternalMarker } from './legacyInternalMarker';
import { filenameMismatch } from './filenameMismatch';
import { guessedProductGroup } from './guessedProductGroup';
import { mixedUniqueTotal } from './mixedUniqueTotal';
import { wrongFolder } from './wrongFolder';
import { duplicateAction } from './duplicateAction';
import { duplicateKeyPath } from './duplicateKeyPath';
import { unknownMetricEvent } from './unknownMetricEvent';
import { uniqueNotDeclared } from './uniqueNotDeclared';
import { unknownFilterProperty } from './unknownFilterProperty';
import { unusedEvent } from './unusedEvent';
import { eventWithoutMetric } from './eventWithoutMetric';
import { unknownEvent } from './unknownEvent';
import { propertyType, undeclaredBaseProperty, undeclaredProperty } from './propertyRules';
import { missingIdentifier } from './missingIdentifier';

export { milestoneNotString } from './milestoneNotString';
export { placeholders } from './placeholder';

export const EVENT_FILE_RULES: EventFileRule[] = [categoryOnInternalEvent, legacyInternalMarker, filenameMismatch, guessedProductGroup];
export const METRIC_FILE_RULES: MetricFileRule[] = [mixedUniqueTotal, wrongFolder, guessedProductGroup];
export const EVENT_INDEX_RULES: EventIndexRule[] = [duplicateAction, unusedEvent, eventWithoutMetric];
export const METRIC_INDEX_RULES: MetricIndexRule[] = [duplicateKeyPath, unknownMetricEvent, uniqueNotDeclared, unknownFilterProperty];
export const CALL_SITE_RULES: CallSiteRule[] = [unknownEvent, undeclaredProperty, propertyType, missingIdentifier, undeclaredBaseProperty];

/** Runs rules and keeps the server alive if one of them has a bug: the failure becomes a log line. */
export function runSafely(run: () => Diagnostic[], onError: (e: unknown) => void): Diagnostic[] {
  try {
    return run();
  } catch (e) {
    onError(e);
    return [];
  }
}
