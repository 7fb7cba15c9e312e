/**
 * FR/EN language identification for short social posts.
 *
 * General-purpose detectors (trigram profiles) are unreliable under ~30 characters, which is most of a
 * customer-care inbox ("merci !", "is the app down?"). Function words, French diacritics and SMS slang
 * are far better evidence at that length, and a handful of function words of Spanish, German, Italian
 * and Portuguese lets us say `other` instead of forcing FR or EN.
 */
import { type NormalisedText } from '../text/normalise-text';
import { type TriageLanguage } from '../triage.types';

const FRENCH_WORDS =
  'le la les de des du un une et est je tu il elle nous vous ils elles pas ne que qui quoi pour dans sur avec mon ma ' +
  'mes ton tes votre vos notre nos ce cet cette ces ca au aux y ai avez sont suis tres depuis encore toujours rien aucun ' +
  'aucune chez merci bonjour salut bonsoir quand comment pourquoi combien quel quelle quels quelles mais ou donc car alors ' +
  'jamais plus moi toi lui leur leurs sans sous apres avant aussi deja fait faire peut etre ete avoir bien tout tous ' +
  'toute cest jai svp mdr jpp putain desole beaucoup parce quelqu personne semaine semaines jours mois heure heures ' +
  'matin soir hier demain aujourd hui oui non vraiment franchement trop nul probleme reseau facture commande billet ' +
  'vol retard panne coupure appli compte carte rembourse remboursement en ici la prix nouveau nouvelle voila';
const ENGLISH_WORDS =
  'the a an and is are was were i you he she we they it my your our their not no do does did can could would will ' +
  'have has had to of in on for with at from this that these those what when where why how please thanks thank hi ' +
  'hello still again been just there any anyone me so but or if up out all get got am its been being because about ' +
  'after before since today yesterday tomorrow morning night week weeks days hours months yes yeah really ' +
  'never nothing nobody everyone someone my mine him her them us than then too very into over only also ' +
  'ffs smh lol idk tbh order bill refund flight train delay delayed cancelled outage signal account card app ' +
  'here now new more some one like want need know make going back off home time day work working who which price ' +
  'prices free trip trips claim great';
const OTHER_WORDS =
  // Spanish, German, Italian, Portuguese function words that are not French or English words.
  'el los las del por para con una es muy pero que porque hola gracias esta estoy tengo ' +
  'der die das und ist nicht ich sie wir mit auf für fur ein eine danke bitte kein noch ' +
  'il lo gli della sono grazie non perche ciao anche questo ' +
  'os um uma obrigado obrigada nao voce muito isso esse essa';

function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/u).filter((word) => word.length > 0));
}

const FRENCH = wordSet(FRENCH_WORDS);
const ENGLISH = wordSet(ENGLISH_WORDS);
const OTHER = wordSet(OTHER_WORDS);

export type LanguageGuess = {
  readonly language: TriageLanguage;
  /** 0..1 share of the evidence held by the winning language. */
  readonly confidence: number;
  readonly reason: string;
};

/**
 * Guess the language of a normalised post. Emoji-only posts, mentions alone and unknown words give
 * `other` with confidence 0: the caller may fall back on the account's usual language.
 */
export function detectLanguage(text: NormalisedText): LanguageGuess {
  let french = text.frenchAccentCount > 0 ? Math.min(2, 0.6 * text.frenchAccentCount) : 0;
  let english = 0;
  let other = Math.min(3, 0.8 * text.otherAccentCount) + (text.nonLatinLetterCount > 2 ? 3 : 0);
  for (const token of text.tokens) {
    // "il" and "que" are French and Italian/Spanish; OTHER only counts words the two others lack.
    const isFrench = FRENCH.has(token);
    const isEnglish = ENGLISH.has(token);
    if (isFrench) french += isEnglish ? 0.5 : 1;
    if (isEnglish) english += isFrench ? 0.5 : 1;
    if (!isFrench && !isEnglish && OTHER.has(token)) other += 1;
  }
  // Apostrophe forms are strong French markers (j'ai, c'est, l'appli, d'internet, qu'il).
  // The elided letter must start a word, so English "I'd" or "don't" do not count.
  const elisions = (text.body.match(/(?<![\p{L}'’])(?:j|c|l|d|qu|n|m|s|t)['’]\p{L}/giu) ?? []).length;
  french += Math.min(2, elisions * 0.5);
  const total = french + english + other;
  if (total < 0.5)
    return {
      language: 'other',
      confidence: 0,
      reason: 'language: no evidence (emojis, mentions or unknown words only)',
    };
  const ranked: [TriageLanguage, number][] = [
    ['fr', french],
    ['en', english],
    ['other', other],
  ];
  ranked.sort((left, right) => right[1] - left[1]);
  const [winner, winnerScore] = ranked[0] ?? ['other', 0];
  const confidence = Math.round((winnerScore / total) * 100) / 100;
  return {
    language: winner,
    confidence,
    reason: `language ${winner} (${Math.round(confidence * 100)}% of function-word evidence)`,
  };
}
