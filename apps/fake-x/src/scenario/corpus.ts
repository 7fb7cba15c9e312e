export type CorpusCategory =
  | 'complaint'
  | 'question'
  | 'praise'
  | 'outage'
  | 'recovery'
  | 'followUp'
  | 'dm'
  | 'quote'
  | 'spam'
  | 'brandPosts';

export type Corpus = Record<CorpusCategory, readonly string[]>;

export const EMOJI = {
  angry: ['😡', '🤬', '😤', '😠😠', ''],
  tired: ['😩', '🙄', '😒', '😮‍💨', ''],
  facepalm: ['🤦‍♂️', '🤦‍♀️', '🙃', '😂'],
  happy: ['🙏', '😊', '❤️', '👌', '🥰'],
  fire: ['🔥', '🚀', '⚡️'],
  thumbs: ['👍', '👏', '💯'],
} as const;

export const CITIES_FR = [
  'Lyon',
  'Marseille',
  'Toulouse',
  'Lille',
  'Nantes',
  'Bordeaux',
  'Rennes',
  'Montpellier',
  'Paris 11e',
  'Saint-Denis',
  'Grenoble',
  'Brest',
];
export const CITIES_EN = ['Brooklyn', 'Austin', 'Leeds', 'Dublin', 'Manchester', 'Toronto', 'Denver'];
export const STREETS = [
  'rue de la République',
  'avenue Jean Jaurès',
  'rue Victor Hugo',
  'Main St',
  'Baker Street',
  'boulevard Voltaire',
];
