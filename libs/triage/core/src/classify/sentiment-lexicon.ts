/**
 * A compact polarity lexicon, French and English, accent-free (AFINN-like scale −3..+3). Written for
 * customer-care posts rather than general text: "bug", "retard", "attente" are negative here.
 */
const NEGATIVE_3 =
  'inadmissible honteux scandaleux scandalous disgraceful shameful lamentable pathetic arnaque voleurs theft ' +
  'worst pire horrible terrible catastrophe calvaire insupportable unacceptable inacceptable putain wtf ffs ' +
  'jpp merde shit crap useless nul nulle degueulasse hate deteste';
const NEGATIVE_2 =
  'ridicule ridiculous joke blague shambles mess decu decue decus disappointed disappointing rude desagreable ' +
  'incompetent incompetents incapables furieux furious angry enerve enervee agace fed marre sick bleh smh ' +
  'deprime galere galerer pffff pff ugh perdu perdue lost casse cassee smashed broken dechire ripped abime abimee ' +
  'damaged defectueux faulty impossible panne outage plante crashes crash bug bugs erreur error dead mort ' +
  'inaccessible bloque bloquee blocked stuck coince injoignable unreachable retard delay delayed annule annulee ' +
  'cancelled canceled supprime pire freezing gele abuse inutilisable unusable mensongere misleading folle fou hassle';
const NEGATIVE_1 =
  'probleme problem issue souci attente waiting hold lent slow cher expensive frais fee fees wrong mauvais mauvaise ' +
  'jamais never personne nobody rien nothing sans encore again toujours still seriously serieusement late down ' +
  'coupure coupe hs clignote flashing refuse refused declined bonde packed pluie rain routine';
const POSITIVE_1 =
  'ok bien good fine merci thanks thank cheers rapide quick fast sympa nice cool pratique easy facile ' +
  'correct helpful ponctuel content contente happy glad interessant interesting classe';
const POSITIVE_2 =
  'super genial great top nickel parfait perfect bravo excellent brilliant lovely adorable recommande recommend ' +
  'love loving adore aime comfy confortable efficace efficient reactifs reactive reactivite gentillesse kind ' +
  'friendly apprecie appreciated arrangeants legends amazing awesome fantastique fantastic merveilleux wonderful ' +
  'fire best meilleur magnifique gorgeous superbe beautiful impeccable';

function entries(words: string, score: number): [string, number][] {
  return words
    .split(/\s+/u)
    .filter((word) => word.length > 0)
    .map((word) => [word, score]);
}

export const SENTIMENT_LEXICON: ReadonlyMap<string, number> = new Map([
  ...entries(NEGATIVE_1, -1),
  ...entries(NEGATIVE_2, -2),
  ...entries(NEGATIVE_3, -3),
  ...entries(POSITIVE_1, 1),
  ...entries(POSITIVE_2, 2),
]);

/** Two-word expressions whose polarity differs from their parts. */
export const SENTIMENT_PHRASES: ReadonlyMap<string, number> = new Map([
  ['pas mal', 2],
  ['not bad', 2],
  ['pas terrible', -2],
  ['pas top', -2],
  ['pas content', -2],
  ['pas contente', -2],
  ['not happy', -2],
  ['not great', -2],
  ['not good', -2],
  ['pour rien', -2],
  ['for nothing', -2],
  ['n importe quoi', -3],
  ['never again', -3],
  ['plus jamais', -3],
  ['jamais eu de souci', 2],
  ['never had an issue', 2],
  ['no problem', 1],
  ['pas de souci', 1],
  ['no worries', 1],
  ['trop bien', 3],
  ['trop classe', 2],
  ['so cool', 2],
  ['having a laugh', -2],
  ['losing my mind', -2],
  ['devenir folle', -2],
  ['devenir fou', -2],
  ['not ok', -2],
  ['pas normal', -2],
  ['went wrong', -1],
]);

/** Words that flip the polarity of the next sentiment word within three tokens. */
export const NEGATORS: ReadonlySet<string> = new Set([
  'pas',
  'not',
  'no',
  'never',
  'jamais',
  'aucun',
  'aucune',
  'sans',
  'without',
  'ni',
]);

/** Words that strengthen the next sentiment word. */
export const INTENSIFIERS: ReadonlySet<string> = new Set([
  'tres',
  'trop',
  'vraiment',
  'tellement',
  'hyper',
  'grave',
  'very',
  'so',
  'really',
  'totally',
  'absolutely',
  'absolute',
  'completement',
  'totalement',
]);

/** Emoji polarity. 🙃 🙄 🤡 mark sarcasm and count as negative; 😂 is neutral (mockery or fun). */
export const EMOJI_SENTIMENT: ReadonlyMap<string, number> = new Map([
  ...[
    '😡',
    '🤬',
    '😤',
    '😠',
    '👎',
    '💩',
    '😭',
    '😢',
    '😞',
    '😩',
    '😫',
    '😒',
    '🙄',
    '🙃',
    '🤡',
    '😑',
    '😣',
    '😖',
    '💔',
    '🤦',
  ].map((emoji): [string, number] => [emoji, -2]),
  ...[
    '😍',
    '❤',
    '🥰',
    '👍',
    '🙏',
    '😊',
    '😁',
    '🎉',
    '💯',
    '👏',
    '👌',
    '😄',
    '😃',
    '🤩',
    '💪',
    '✨',
    '🥳',
    '💙',
    '💚',
    '☀',
  ].map((emoji): [string, number] => [emoji, 2]),
]);

/** Emojis that signal irony when the words are positive. */
export const SARCASM_EMOJIS: ReadonlySet<string> = new Set(['🙃', '🙄', '🤡', '😒', '😑']);
