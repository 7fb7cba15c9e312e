import { buildCast, type CastMember } from './cast';
import { CITIES_EN, CITIES_FR, EMOJI, STREETS, type Corpus, type CorpusCategory } from './corpus';
import { ENGLISH_CORPUS } from './corpus-en';
import { FRENCH_CORPUS } from './corpus-fr';
import { SeededRandom } from './seeded-random';
import { roughen } from './text-roughener';

export type ScenarioMode = 'demo' | 'outage' | 'fast';

export type MentionCategory = 'complaint' | 'question' | 'praise' | 'outage' | 'recovery';

/** One piece of traffic, independent of time and ids (the runner turns it into a post or a DM). */
export type TrafficEvent =
  | {
      kind: 'mention';
      category: MentionCategory;
      author: CastMember;
      text: string;
      lang: string;
      storyId?: number;
    }
  | { kind: 'spam'; author: CastMember; text: string; lang: string }
  | { kind: 'follow-up'; storyId: number; author: CastMember; text: string; lang: string }
  | { kind: 'dm'; storyId: number; author: CastMember; text: string; lang: string }
  | { kind: 'retweet'; author: CastMember; brandPostIndex: number }
  | { kind: 'quote'; author: CastMember; text: string; lang: string; brandPostIndex: number };

export interface GeneratedEvent {
  index: number;
  event: TrafficEvent;
  /** Inter-arrival factor with mean ≈ 1 (times the mean interval, or the burst's pace during an outage burst). */
  gapFactor: number;
  /** One of the outage scenario's burst: paced by the burst, not by the rate and the daily rhythm. */
  isBurst: boolean;
}

interface Story {
  id: number;
  author: CastMember;
  stage: 'posted' | 'followed-up';
}

const OUTAGE_START = 6;
const OUTAGE_BURST = 60;
const RECOVERY_LENGTH = 8;

/**
 * The seeded source of scenario traffic. Pure: the same seed and mode give the same sequence of events
 * (texts, authors, kinds), whatever the clock. Customers with a complaint come back in the thread, then by DM.
 */
export class TrafficGenerator {
  readonly cast: CastMember[];
  readonly brandPosts: { text: string; lang: string }[];
  private readonly random: SeededRandom;
  private readonly stories: Story[] = [];
  private index = 0;

  constructor(
    private readonly options: { seed: number | string; mode: ScenarioMode; brandUsername: string },
  ) {
    this.random = new SeededRandom(options.seed);
    this.cast = buildCast(this.random);
    this.brandPosts = [
      ...FRENCH_CORPUS.brandPosts.map((text) => ({ text, lang: 'fr' })),
      ...ENGLISH_CORPUS.brandPosts.map((text) => ({ text, lang: 'en' })),
    ];
  }

  next(): GeneratedEvent {
    const index = this.index++;
    const phase = this.phase(index);
    const event = this.eventFor(phase);
    const gapFactor = this.random.exponential();
    return { index, event, gapFactor, isBurst: phase === 'outage' };
  }

  take(count: number): GeneratedEvent[] {
    return Array.from({ length: count }, () => this.next());
  }

  private phase(index: number): 'normal' | 'outage' | 'recovery' {
    if (this.options.mode !== 'outage') return 'normal';
    if (index >= OUTAGE_START && index < OUTAGE_START + OUTAGE_BURST) return 'outage';
    if (index >= OUTAGE_START + OUTAGE_BURST && index < OUTAGE_START + OUTAGE_BURST + RECOVERY_LENGTH)
      return 'recovery';
    return 'normal';
  }

  private eventFor(phase: 'normal' | 'outage' | 'recovery'): TrafficEvent {
    const customers = this.cast.filter((member) => member.kind === 'customer');
    if (phase === 'outage') return this.mention('outage', this.random.pick(customers));
    if (phase === 'recovery')
      return this.mention(this.random.chance(0.6) ? 'recovery' : 'outage', this.random.pick(customers));
    const isFast = this.options.mode === 'fast';
    const kind = this.random.weighted(
      isFast
        ? {
            complaint: 40,
            question: 25,
            praise: 12,
            followUp: 15,
            outage: 8,
            dm: 0,
            spam: 0,
            retweet: 0,
            quote: 0,
          }
        : {
            complaint: 30,
            question: 20,
            praise: 10,
            followUp: 12,
            dm: 8,
            spam: 6,
            retweet: 6,
            quote: 4,
            outage: 4,
          },
    );
    const open = this.stories.filter((story) => (isFast ? story.stage === 'posted' : true));
    switch (kind) {
      case 'followUp':
      case 'dm': {
        const candidates = open.filter((story) =>
          kind === 'followUp' ? story.stage === 'posted' : story.stage === 'followed-up',
        );
        if (candidates.length === 0) return this.mention('complaint', this.random.pick(customers));
        const story = this.random.pick(candidates);
        if (kind === 'followUp') {
          story.stage = 'followed-up';
          return {
            kind: 'follow-up',
            storyId: story.id,
            author: story.author,
            ...this.compose('followUp', story.author.lang),
          };
        }
        this.stories.splice(this.stories.indexOf(story), 1);
        return {
          kind: 'dm',
          storyId: story.id,
          author: story.author,
          ...this.compose('dm', story.author.lang, story.author),
        };
      }
      case 'spam': {
        const author = this.random.pick(this.cast.filter((member) => member.kind === 'spam'));
        return { kind: 'spam', author, ...this.compose('spam', author.lang) };
      }
      case 'retweet':
        return {
          kind: 'retweet',
          author: this.random.pick(customers),
          brandPostIndex: this.random.integer(0, this.brandPosts.length - 1),
        };
      case 'quote': {
        const author = this.random.pick(customers);
        return {
          kind: 'quote',
          author,
          ...this.compose('quote', author.lang),
          brandPostIndex: this.random.integer(0, this.brandPosts.length - 1),
        };
      }
      default:
        return this.mention(kind, this.random.pick(customers));
    }
  }

  private mention(category: MentionCategory, author: CastMember): TrafficEvent {
    const composed = this.compose(category, author.lang);
    if (category === 'complaint' || (category === 'outage' && this.random.chance(0.3))) {
      const story: Story = { id: this.index, author, stage: 'posted' };
      this.stories.push(story);
      if (this.stories.length > 50) this.stories.shift();
      return { kind: 'mention', category, author, ...composed, storyId: story.id };
    }
    return { kind: 'mention', category, author, ...composed };
  }

  private compose(
    category: CorpusCategory,
    lang: 'fr' | 'en',
    author?: CastMember,
  ): { text: string; lang: string } {
    const corpus: Corpus = lang === 'fr' ? FRENCH_CORPUS : ENGLISH_CORPUS;
    const template = this.random.pick(corpus[category]);
    const filled = template.replace(/\{(\w+)\}/g, (_match, slot: string) => this.fill(slot, lang, author));
    const text = category === 'dm' || category === 'spam' ? filled : roughen(filled, this.random);
    return { text: text.replace(/\s+$/, ''), lang };
  }

  private fill(slot: string, lang: 'fr' | 'en', author?: CastMember): string {
    switch (slot) {
      case 'brand':
        return `@${this.options.brandUsername}`;
      case 'city':
        return this.random.pick(lang === 'fr' ? CITIES_FR : CITIES_EN);
      case 'street':
        return this.random.pick(STREETS);
      case 'hours':
        return String(this.random.integer(2, 48));
      case 'minutes':
        return String(this.random.integer(10, 90));
      case 'account':
        return `${lang === 'fr' ? 'VT' : 'AC'}${this.random.integer(10_000_000, 99_999_999)}`;
      case 'name':
        return author?.name.replace(/\s*\P{L}+$/u, '') ?? '';
      default:
        return slot in EMOJI ? this.random.pick(EMOJI[slot as keyof typeof EMOJI]) : '';
    }
  }
}
