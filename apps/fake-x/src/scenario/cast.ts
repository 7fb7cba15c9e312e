import type { SeededRandom } from './seeded-random';

export interface CastMember {
  username: string;
  name: string;
  lang: 'fr' | 'en';
  kind: 'customer' | 'spam';
  followersCount: number;
  location?: string;
}

const FIRST_FR = [
  'Camille',
  'Léa',
  'Hugo',
  'Inès',
  'Mehdi',
  'Chloé',
  'Lucas',
  'Sarah',
  'Yanis',
  'Manon',
  'Thomas',
  'Aïcha',
  'Julien',
  'Emma',
  'Karim',
  'Océane',
];
const LAST_FR = [
  'Martin',
  'Bernard',
  'Dubois',
  'Moreau',
  'Laurent',
  'Benali',
  'Nguyen',
  'Lefebvre',
  'Roux',
  'Fontaine',
  'Diallo',
  'Girard',
];
const FIRST_EN = ['Jake', 'Emily', 'Tyler', 'Hannah', 'Marcus', 'Olivia', 'Ryan', 'Priya', 'Connor', 'Zoe'];
const LAST_EN = ['Smith', 'Johnson', 'Brown', 'Murphy', 'Patel', 'Walsh', 'Kim', 'Davis'];
const NICKNAMES = [
  'lulu',
  'titi',
  'kiki',
  'nono',
  'pitch',
  'zozo',
  'momo',
  'jojo',
  'gaming',
  'officiel',
  'tv',
  'xx',
];
const NAME_DECORATIONS = ['', '', '', ' 🌸', ' ⚽️', ' 🇫🇷', ' 🎮', ' ✨'];
const SPAM_NAMES = ['Promo Deals 24/7', 'Crypto Moon 🚀', 'Free Gifts Officiel'];

/** A deterministic cast of customers (two thirds French) and a few spam accounts. */
export function buildCast(random: SeededRandom, size = 40): CastMember[] {
  const members: CastMember[] = [];
  const usernames = new Set<string>();
  while (members.length < size) {
    const lang = random.chance(0.67) ? 'fr' : 'en';
    const first = random.pick(lang === 'fr' ? FIRST_FR : FIRST_EN);
    const last = random.pick(lang === 'fr' ? LAST_FR : LAST_EN);
    const username = makeUsername(random, first, last).slice(0, 15);
    if (usernames.has(username.toLowerCase())) continue;
    usernames.add(username.toLowerCase());
    const name = random.chance(0.2)
      ? `${first}${random.pick(NAME_DECORATIONS)}`
      : `${first} ${last}${random.pick(NAME_DECORATIONS)}`;
    members.push({
      username,
      name,
      lang,
      kind: 'customer',
      followersCount: Math.floor(random.exponential() * 300) + random.integer(0, 40),
    });
  }
  SPAM_NAMES.forEach((name, index) =>
    members.push({
      username: `promo_bot${index + 1}${random.integer(100, 999)}`,
      name,
      lang: index % 2 === 0 ? 'fr' : 'en',
      kind: 'spam',
      followersCount: random.integer(0, 12),
    }),
  );
  return members;
}

function makeUsername(random: SeededRandom, first: string, last: string): string {
  const plain = (value: string) => value.normalize('NFD').replace(/[^A-Za-z]/g, '');
  const style = random.integer(0, 3);
  if (style === 0) return `${plain(first).toLowerCase()}_${plain(last).toLowerCase()}`;
  if (style === 1) return `${plain(first)}${plain(last)[0]}${random.integer(10, 99)}`;
  if (style === 2) return `${plain(first).toLowerCase()}${random.pick(NICKNAMES)}${random.integer(1, 9)}`;
  return `${random.pick(NICKNAMES)}_${plain(last).toLowerCase()}`;
}
