/** The demo brand's canned answers, in French and English (npm start, the browser tests). */
export const demoCannedAnswers: {
  language: 'fr' | 'en';
  title: string;
  shortcut: string;
  body: string;
}[] = [
  {
    language: 'fr',
    title: 'Panne réseau',
    shortcut: 'panne',
    body: 'Bonjour {{customer.name}}, nous sommes désolés pour cette coupure. Nos équipes techniques sont mobilisées et nous revenons vers vous dès que le réseau est rétabli. {{agent.name}}, {{brand.name}}',
  },
  {
    language: 'fr',
    title: 'Hors horaires',
    shortcut: 'horaires',
    body: 'Bonjour {{customer.name}}, merci pour votre message. Notre équipe vous répondra {{next_opening}}. {{brand.name}}',
  },
  {
    language: 'fr',
    title: 'Passer en message privé',
    shortcut: 'dm',
    body: 'Bonjour {{customer.handle}}, pouvez-vous nous écrire en message privé avec votre numéro client ? Nous regardons cela tout de suite. {{agent.name}}',
  },
  {
    language: 'fr',
    title: 'Remerciement',
    shortcut: 'merci',
    body: 'Merci {{customer.name}} pour votre retour ! Belle journée de la part de toute l’équipe {{brand.name}}.',
  },
  {
    language: 'en',
    title: 'Network outage',
    shortcut: 'outage',
    body: 'Hi {{customer.name}}, we are sorry about the outage. Our engineers are on it and we will get back to you as soon as service is restored. {{agent.name}}, {{brand.name}}',
  },
  {
    language: 'en',
    title: 'Out of hours',
    shortcut: 'hours',
    body: 'Hi {{customer.name}}, thanks for your message. Our team will answer {{next_opening}}. {{brand.name}}',
  },
  {
    language: 'en',
    title: 'Move to a direct message',
    shortcut: 'dm',
    body: 'Hi {{customer.handle}}, could you send us a direct message with your account number? We will look into it right away. {{agent.name}}',
  },
  {
    language: 'en',
    title: 'Thanks',
    shortcut: 'thanks',
    body: 'Thank you {{customer.name}}! Have a great day, from the whole {{brand.name}} team.',
  },
];
