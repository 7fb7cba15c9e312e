import { type CalendarSpec } from '@vigie/sla-core';
import { previewAutoAnswer, templateProblem } from './out-of-hours-form';

const weekdays: [string, string][] = [['09:00', '19:00']];
const paris: CalendarSpec = {
  timezone: 'Europe/Paris',
  weekly: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays },
};

describe('out-of-hours templates', () => {
  it.each([
    ['Nous revenons {reopensAt}.', null],
    ['   ', 'required'],
    ['Nous revenons bientôt.', 'reopensAt'],
    [`{reopensAt} ${'x'.repeat(280)}`, 'templateTooLong'],
  ])('checks %j', (template, problem) => {
    expect(templateProblem(template)).toBe(problem);
  });

  it('shows the answer a customer writing on Friday evening reads, in each language', () => {
    const writtenAt = new Date('2026-11-20T18:30:00.000Z'); // Friday 19:30 in Paris
    expect(
      previewAutoAnswer({
        calendar: paris,
        writtenAt,
        language: 'fr',
        template: 'Nous revenons {reopensAt}.',
      }),
    ).toEqual({
      kind: 'answer',
      text: 'Nous revenons lundi à 9h.',
      reopensAt: new Date('2026-11-23T08:00:00.000Z'),
    });
    expect(
      previewAutoAnswer({ calendar: paris, writtenAt, language: 'en', template: 'Back {reopensAt}!' }),
    ).toMatchObject({
      text: 'Back on Monday at 9:00!',
    });
  });

  it('says tomorrow on a weekday night', () => {
    const writtenAt = new Date('2026-11-24T21:00:00.000Z'); // Tuesday 22:00 in Paris
    expect(
      previewAutoAnswer({ calendar: paris, writtenAt, language: 'fr', template: 'Retour {reopensAt}' }),
    ).toMatchObject({
      text: 'Retour demain à 9h',
    });
  });

  it('sends nothing while open', () => {
    const writtenAt = new Date('2026-11-24T10:00:00.000Z');
    expect(
      previewAutoAnswer({ calendar: paris, writtenAt, language: 'fr', template: '{reopensAt}' }),
    ).toEqual({
      kind: 'open',
    });
  });
});
