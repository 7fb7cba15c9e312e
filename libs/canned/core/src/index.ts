export {
  type CannedAnswerFields,
  type CannedTemplate,
  maxCannedBodyLength,
  maxCannedTitleLength,
  normalizeCannedAnswer,
  normalizeCannedLanguage,
  normalizeCannedShortcut,
  parseCannedTemplate,
  renderCannedTemplate,
} from './lib/canned-template';
export { nextOpeningAfter } from './lib/next-opening';
