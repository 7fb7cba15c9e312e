import { type SlaDueStep } from '@vigie/contracts';
import i18next from 'i18next';
import { en } from '../i18n/en';
import { fr } from '../i18n/fr';
import { dueExplanationText, durationWords } from './due-explanation';

const i18n = i18next.createInstance();
void i18n.init({
  resources: { fr: { translation: fr }, en: { translation: en } },
  lng: 'fr',
  initAsync: false,
  interpolation: { escapeValue: false },
});

/** A message on Friday 19:30 in Paris, due Monday 10:00 after a closed weekend (the server's steps). */
const weekend: SlaDueStep[] = [
  { kind: 'started', how: 'received', at: '2026-11-20T18:30:00.000Z', isOutsideHours: true },
  { kind: 'closed', firstDay: '2026-11-21', lastDay: '2026-11-22' },
  { kind: 'opens', at: '2026-11-23T08:00:00.000Z' },
  { kind: 'counted', ms: 3_600_000, day: '2026-11-23' },
];

function say(language: 'fr' | 'en', steps: SlaDueStep[], dueAt: string, timezone = 'Europe/Paris'): string {
  return dueExplanationText({ steps, dueAt, timezone, language, t: i18n.getFixedT(language) });
}

describe('dueExplanationText', () => {
  it('says why in French, with days and hours in the policy’s zone', () => {
    const text = say('fr', weekend, '2026-11-23T09:00:00.000Z');
    expect(text).toMatch(
      /^échéance lun\. 23 nov\.,? 10:00 car : reçu ven\. 20 nov\.,? 19:30, hors des heures d’ouverture ; /,
    );
    expect(text).toContain('fermé du sam. 21 nov. au dim. 22 nov.');
    expect(text).toMatch(/ouverture lun\. 23 nov\.,? 0?9:00 ; 1 h le lun\. 23 nov\.$/);
  });

  it('says why in English', () => {
    expect(say('en', weekend, '2026-11-23T09:00:00.000Z')).toBe(
      'due Mon, Nov 23, 10:00 AM because: received Fri, Nov 20, 7:30 PM, outside business hours; ' +
        'closed Sat, Nov 21 – Sun, Nov 22; opens Mon, Nov 23, 9:00 AM; 1 h on Mon, Nov 23',
    );
  });

  it('writes a local date as that date whatever zone it is read in', () => {
    const text = say(
      'en',
      [{ kind: 'closed', firstDay: '2026-12-25', lastDay: '2026-12-25' }],
      '2026-12-26T08:00:00.000Z',
      'Pacific/Kiritimati',
    );
    expect(text).toMatch(/closed Fri, Dec 25$/);
  });

  it('says a paused clock’s counted time and a wall-clock target', () => {
    const text = say(
      'fr',
      [
        { kind: 'started', how: 'resumed', at: '2026-11-20T18:30:00.000Z', isOutsideHours: false },
        { kind: 'already_counted', ms: 15 * 60_000 },
        { kind: 'calendar_time', ms: 45 * 60_000 },
      ],
      '2026-11-20T19:15:00.000Z',
    );
    expect(text).toMatch(
      /repris ven\. 20 nov\.,? 19:30 ; 15 min déjà comptées avant la pause ; 45 min de temps calendaire \(toutes les heures comptent\)$/,
    );
  });
});

describe('durationWords', () => {
  it.each([
    [20_000, '20 s'],
    [45 * 60_000, '45 min'],
    [2 * 3_600_000, '2 h'],
    [90 * 60_000, '1 h 30 min'],
  ])('writes %d ms as %s', (ms, words) => {
    expect(durationWords(ms)).toBe(words);
  });
});
