import { type DomainError, isDomainError } from '@vigie/kernel';
import {
  normalizeCannedAnswer,
  normalizeCannedShortcut,
  parseCannedTemplate,
  renderCannedTemplate,
} from './canned-template';

const known = ['customer.name', 'customer.handle', 'agent.name', 'brand.name', 'next_opening'] as const;

function caught(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('parseCannedTemplate', () => {
  it('lists the known variables used, once each, in order of first use, spaces inside braces allowed', () => {
    expect(
      parseCannedTemplate('Bonjour {{ customer.name }}, {{agent.name}} ici. {{customer.name}} ?', known),
    ).toEqual({ variables: ['customer.name', 'agent.name'] });
  });

  it('accepts a body without variables', () => {
    expect(parseCannedTemplate('Merci pour votre message.', known)).toEqual({ variables: [] });
  });

  it.each([
    ['an unknown variable', 'Bonjour {{customer.email}}', 'Unknown variable {{customer.email}}'],
    ['two unknown ones', '{{a}} et {{b}} et {{a}}', 'Unknown variables {{a}}, {{b}}'],
    ['an empty one', 'Bonjour {{}}', 'Unknown variable {{}}'],
    ['a case difference', 'Bonjour {{Customer.Name}}', 'Unknown variable {{Customer.Name}}'],
  ])('refuses %s and lists the known ones', (_case, body, message) => {
    const error = caught(() => parseCannedTemplate(body, known));
    expect(error.code).toBe('invalid');
    expect(error.message).toContain(message);
    expect(error.message).toContain(
      'Known variables: {{customer.name}}, {{customer.handle}}, {{agent.name}}, {{brand.name}}, {{next_opening}}.',
    );
    expect(error.details).toMatchObject({ reason: 'unknown_variable' });
  });

  it.each(['Bonjour {{customer.name}', 'Bonjour {{ customer.name', 'Bonjour customer.name}}', 'a {{ b'])(
    'refuses an unclosed variable in %p',
    (body) => {
      const error = caught(() => parseCannedTemplate(body, known));
      expect(error.message).toContain('A variable is not closed');
      expect(error.details).toMatchObject({ reason: 'malformed_variable' });
    },
  );
});

describe('renderCannedTemplate', () => {
  it('fills every variable, each occurrence', () => {
    expect(
      renderCannedTemplate({
        body: 'Bonjour {{customer.name}} ({{ customer.handle }}), ici {{agent.name}} de {{brand.name}}. Bonne journée {{customer.name}} !',
        known,
        values: {
          'customer.name': 'Chloé',
          'customer.handle': '@chloe_b',
          'agent.name': 'Léa Bernard',
          'brand.name': 'Vigie Telecom',
        },
      }),
    ).toEqual({
      text: 'Bonjour Chloé (@chloe_b), ici Léa Bernard de Vigie Telecom. Bonne journée Chloé !',
      missingVariables: [],
    });
  });

  it('never reads a value as a template: a hostile name is inserted as it is', () => {
    const hostile = '{{agent.name}} <img src=x onerror=alert(1)>';
    expect(
      renderCannedTemplate({
        body: 'Bonjour {{customer.name}}',
        known,
        values: { 'customer.name': hostile, 'agent.name': 'Léa' },
      }).text,
    ).toBe(`Bonjour ${hostile}`);
  });

  it('leaves a variable without a value empty and reports it once', () => {
    expect(
      renderCannedTemplate({
        body: 'Nous revenons {{next_opening}}. {{customer.name}}{{customer.name}}',
        known,
        values: { next_opening: null, 'customer.name': '' },
      }),
    ).toEqual({ text: 'Nous revenons . ', missingVariables: ['next_opening', 'customer.name'] });
  });
});

describe('normalizeCannedAnswer', () => {
  const valid = {
    language: ' FR ',
    title: '  Panne réseau ',
    body: ' Bonjour {{customer.name}} \n',
    shortcut: '/Panne',
  };

  it('trims, lower-cases the language and the shortcut and lists the variables', () => {
    expect(normalizeCannedAnswer(valid, known)).toEqual({
      language: 'fr',
      title: 'Panne réseau',
      body: 'Bonjour {{customer.name}}',
      shortcut: 'panne',
      variables: ['customer.name'],
    });
  });

  it.each([
    ['an empty title', { title: '   ' }, 'title must be 1 to 120 characters.'],
    ['a long title', { title: 'x'.repeat(121) }, 'title must be 1 to 120 characters.'],
    ['a blank body', { body: ' \n ' }, 'body must not be empty.'],
    ['a long body', { body: 'x'.repeat(10_001) }, 'body must be at most 10,000 characters.'],
    ['a three-letter language', { language: 'fra' }, 'language must be two letters'],
    ['a shortcut with a space', { shortcut: 'panne reseau' }, 'shortcut must be 1 to 32'],
    ['an unknown variable', { body: '{{ticket.id}}' }, 'Unknown variable {{ticket.id}}'],
  ])('refuses %s', (_case, change, message) => {
    expect(caught(() => normalizeCannedAnswer({ ...valid, ...change }, known)).message).toContain(message);
  });

  it.each([
    [null, null],
    [undefined, null],
    ['', null],
    ['  /  ', null],
    ['Out_Of-Hours2', 'out_of-hours2'],
  ])('normalizes the shortcut %p to %p', (value, expected) => {
    expect(normalizeCannedShortcut(value)).toBe(expected);
  });
});
