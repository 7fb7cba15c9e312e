const FRENCH_MARKERS = new Set([
  'le',
  'la',
  'les',
  'de',
  'des',
  'du',
  'et',
  'est',
  'je',
  'vous',
  'nous',
  'pas',
  'plus',
  'pour',
  'merci',
  'bonjour',
  'une',
  'un',
  'mon',
  'ma',
  'votre',
  'avec',
  'sur',
  'ça',
  'toujours',
  'rien',
  'bonsoir',
  'depuis',
  'svp',
  'panne',
  'réseau',
]);
const ENGLISH_MARKERS = new Set([
  'the',
  'is',
  'are',
  'and',
  'my',
  'you',
  'your',
  'not',
  'for',
  'with',
  'thanks',
  'hi',
  'hello',
  'please',
  'still',
  'since',
  'what',
  'why',
  'down',
  'have',
  'been',
  'this',
  'it',
  'we',
  'our',
]);

/** A rough BCP47 guess ("fr", "en" or "und") for posts written through the API, whose `lang` X detects itself. */
export function guessLanguage(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/[@#]\w+/g, ' ')
    .split(/[^\p{L}']+/u);
  let french = 0;
  let english = 0;
  for (const word of words) {
    if (FRENCH_MARKERS.has(word)) french += 1;
    if (ENGLISH_MARKERS.has(word)) english += 1;
  }
  if (french === 0 && english === 0) return 'und';
  return french >= english ? 'fr' : 'en';
}
