import { extractContactDetails } from './contact-details';

describe('extractContactDetails', () => {
  it.each([
    ['my email is Jane.Doe@Example.com.', { emails: ['jane.doe@example.com'], phones: [] }],
    ['appelez moi au 06 12 34 56 78 svp', { emails: [], phones: ['0612345678'] }],
    [
      '+33 6 12 34 56 78 ou jean-marc@orange.fr',
      { emails: ['jean-marc@orange.fr'], phones: ['+33612345678'] },
    ],
    ['(415) 555-0100 is my cell', { emails: [], phones: ['4155550100'] }],
    ['mail: élodie@exemple.fr 📧 et élodie@exemple.fr', { emails: ['élodie@exemple.fr'], phones: [] }],
  ])('finds the details in %j', (text, expected) => {
    expect(extractContactDetails(text)).toEqual(expected);
  });

  it.each([
    ['order number 12345', 'too short for a phone'],
    ['ticket #2024-11-23', 'a date'],
    ['tweet id 1795428000123456789012', 'too long for a phone'],
    ['@jane_doe on X', 'a handle, not an e-mail'],
    ['', 'empty text'],
  ])('finds nothing in %j (%s)', (text) => {
    expect(extractContactDetails(text)).toEqual({ emails: [], phones: [] });
  });
});
