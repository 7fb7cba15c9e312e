export * from './triage.types';
export { triagePost } from './classify/triage-post';
export { normaliseText, foldAccents, type NormalisedText } from './text/normalise-text';
export { detectLanguage, type LanguageGuess } from './language/detect-language';
export * from './evaluation/labelled-post';
export * from './evaluation/classification-metrics';
export * from './priority/priority-for';
