import type { SeededRandom } from './seeded-random';

/**
 * Makes a clean template sound like a real post: lowercase, dropped accents, letter elongation, a typo,
 * extra punctuation. Handles, hashtags and URLs are never touched.
 */
export function roughen(text: string, random: SeededRandom): string {
  const parts = text.split(/(\s+)/);
  const isProtected = (part: string) => /^[@#]|^https?:/.test(part);
  let result = parts;
  if (random.chance(0.35)) result = result.map((part) => (isProtected(part) ? part : part.toLowerCase()));
  if (random.chance(0.25))
    result = result.map((part) =>
      isProtected(part)
        ? part
        : part
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, '')
            .normalize('NFC'),
    );
  if (random.chance(0.18)) {
    const candidates = result
      .map((part, index) => ({ part, index }))
      .filter(({ part }) => /^\p{L}{4,}$/u.test(part));
    if (candidates.length > 0) {
      const { part, index } = random.pick(candidates);
      const position = random.integer(1, part.length - 2);
      result[index] =
        part.slice(0, position) + part[position + 1] + part[position] + part.slice(position + 2);
    }
  }
  let joined = result.join('');
  if (random.chance(0.15))
    joined = joined.replace(
      /(\p{L})([?!.]*)$/u,
      (_match, letter: string, end: string) => `${letter.repeat(3)}${end}`,
    );
  if (random.chance(0.2)) joined = joined.replace(/[?!]+/, (marks) => marks + marks[0].repeat(2));
  return joined.replace(/\s{2,}/g, ' ').trim();
}
