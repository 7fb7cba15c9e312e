/**
 * Topics of a brand's mentions (keyword sets) and the terms of a post, for per-topic volume series and the
 * "top rising terms" of an incident. Pure text rules: post text is hostile input, so nothing here does more
 * than lower-case, strip accents and split on non-letters, with bounded output.
 */

/** A keyword set: a post belongs to the topic when one of its terms is one of the topic's terms. */
export type SpikeTopic = { readonly key: string; readonly terms: readonly string[] };

/** The topic series every brand gets besides its total (`''`). Terms are matched without accents. */
export const DEFAULT_SPIKE_TOPICS: readonly SpikeTopic[] = [
  {
    key: 'outage',
    terms: [
      'panne',
      'pannes',
      'reseau',
      'coupure',
      'coupe',
      'down',
      'outage',
      'bug',
      'bugs',
      'hs',
      'offline',
    ],
  },
];

/** The series key of a brand's whole mention volume. */
export const ALL_MENTIONS_TOPIC = '';

const MAXIMUM_TERMS_PER_POST = 64;
const MINIMUM_TERM_LENGTH = 2;
const MAXIMUM_TERM_LENGTH = 40;

/** Words too common to tell anything about an incident (French and English). */
const STOP_WORDS = new Set(
  (
    'the and for you your are was with this that have has not but can all our out get its just what why how ' +
    'from they them when will would there been please help any one les des une est pas que qui pour sur dans ' +
    'par avec mon mes vous nous ils elle sont ont fait plus tout tous depuis encore chez votre vos cette ces ' +
    'aux rien quoi comme mais donc car sans bien alors toujours merci bonjour svp ' +
    'to in on is it of at my me we be do so no or an if by as up le la de du un et je tu il ne ce ca en au ou'
  ).split(' '),
);

/**
 * The distinct terms of a post: lower-cased, accents removed, URLs and @handles dropped, split on anything
 * that is not a letter or a digit, stop words and one-letter tokens removed; at most 64 terms.
 */
export function extractTerms(text: string): string[] {
  const cleaned = text
    .slice(0, 4000)
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@\w+/g, ' ');
  const terms = new Set<string>();
  for (const token of cleaned.split(/[^\p{L}\p{N}]+/u)) {
    if (token.length < MINIMUM_TERM_LENGTH || token.length > MAXIMUM_TERM_LENGTH) continue;
    if (STOP_WORDS.has(token) || /^\d+$/.test(token)) continue;
    terms.add(token);
    if (terms.size >= MAXIMUM_TERMS_PER_POST) break;
  }
  return [...terms];
}

/** The keys of the topics a post belongs to, in catalogue order. */
export function topicsOfPost(params: { text: string; topics?: readonly SpikeTopic[] }): string[] {
  const terms = new Set(extractTerms(params.text));
  return (params.topics ?? DEFAULT_SPIKE_TOPICS)
    .filter((topic) => topic.terms.some((term) => terms.has(term)))
    .map((topic) => topic.key);
}

export type RisingTermScore = { readonly term: string; readonly recentCount: number; readonly lift: number };

/**
 * Terms that rose in `recentTexts` against `baselineTexts`: each term's share of recent posts over its
 * smoothed share of baseline posts (lift), for terms in at least `minimumCount` recent posts, strongest
 * lift first (ties: more posts first, then alphabetical), at most `limit`.
 */
export function risingTerms(params: {
  recentTexts: readonly string[];
  baselineTexts: readonly string[];
  limit?: number;
  minimumCount?: number;
}): RisingTermScore[] {
  const { recentTexts, baselineTexts, limit = 10, minimumCount = 2 } = params;
  if (recentTexts.length === 0) return [];
  const recent = documentFrequencies(recentTexts);
  const baseline = documentFrequencies(baselineTexts);
  const scores: RisingTermScore[] = [];
  for (const [term, recentCount] of recent) {
    if (recentCount < minimumCount) continue;
    // Add-one smoothing: a term never seen before gets a finite lift that still grows with its count.
    const recentShare = recentCount / recentTexts.length;
    const baselineShare = ((baseline.get(term) ?? 0) + 1) / (baselineTexts.length + 1);
    scores.push({ term, recentCount, lift: recentShare / baselineShare });
  }
  return scores
    .sort(
      (left, right) =>
        right.lift - left.lift || right.recentCount - left.recentCount || left.term.localeCompare(right.term),
    )
    .slice(0, limit);
}

function documentFrequencies(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts)
    for (const term of extractTerms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
