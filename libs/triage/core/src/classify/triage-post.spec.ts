import { triagePost } from './triage-post';
import { type TriageIntent, type TriageSentiment } from '../triage.types';

type Case = readonly [text: string, intent: TriageIntent, needsReply: boolean, sentiment: TriageSentiment];

describe('triagePost', () => {
  describe.each<[string, readonly Case[]]>([
    [
      'complaints',
      [
        [
          '@FibraMax ça fait 2 semaines que j’attends mon remboursement, c’est honteux',
          'complaint',
          true,
          'negative',
        ],
        ['@FibraMax facturé deux fois ce mois, vous êtes sérieux ?? 😡', 'complaint', true, 'negative'],
        ['@JetLine 7h de retard et personne pour nous informer. Lamentable.', 'complaint', true, 'negative'],
        ['@MegaStore my parcel arrived smashed and support keeps ignoring me', 'complaint', true, 'negative'],
        ['@CityBank £30 in fees for a 1p overdraft, absolute joke', 'complaint', true, 'negative'],
        ['@JetLine worst airline ever, lost my bag twice this year', 'complaint', true, 'negative'],
      ],
    ],
    [
      'sarcasm',
      [
        ['Génial, encore une panne @FibraMax 🙃', 'outage_report', true, 'negative'],
        ['Merci @JetLine pour les 4h de retard, trop sympa 🙄', 'complaint', true, 'negative'],
        ['oh great @CityBank charged me another fee, love that for me 🙃', 'complaint', true, 'negative'],
        ['wow well done @PowerGrid, another power cut. as usual 👏', 'outage_report', true, 'negative'],
      ],
    ],
    [
      'outage reports',
      [
        ['@FibraMax plus de réseau depuis ce matin à Rennes', 'outage_report', true, 'negative'],
        ['@CityBank l’appli plante à chaque connexion 😤', 'outage_report', true, 'negative'],
        ['@FibraMax y a une panne à Lille ?', 'outage_report', true, 'neutral'],
        ['@PowerGrid power cut on our street since 6am, any news?', 'outage_report', true, 'negative'],
        ['is @CityBank down? app says service unavailable', 'outage_report', true, 'neutral'],
        ['@FibraMax box qui clignote, pluuus d’internet, c nul', 'outage_report', true, 'negative'],
      ],
    ],
    [
      'questions',
      [
        ['@FibraMax bonjour, la fibre est disponible à Brest ?', 'question', true, 'neutral'],
        ['@JetLine combien coûte un bagage en soute ?', 'question', true, 'neutral'],
        ['@MegaStore do you deliver on sundays?', 'question', true, 'neutral'],
        ['@CityBank how do I order a new card?', 'question', true, 'neutral'],
      ],
    ],
    [
      'requests',
      [
        ['@FibraMax pouvez-vous me rappeler svp, dossier 4411', 'request', true, 'neutral'],
        ['@JetLine je voudrais annuler ma réservation du 3 juin', 'request', true, 'neutral'],
        ['@CityBank please DM me about my loan', 'request', true, 'neutral'],
        ['@MegaStore can you change my delivery address pls', 'request', true, 'neutral'],
      ],
    ],
    [
      'praise and thanks',
      [
        ['@JetLine merci, équipage adorable 😍', 'praise', false, 'positive'],
        ['Top le SAV @MegaStore, échange fait en 5 minutes 👍', 'praise', false, 'positive'],
        ['@CityBank thanks, all sorted!', 'praise', false, 'positive'],
        ['@PowerGrid power is back on, thank you 🙏', 'praise', false, 'positive'],
      ],
    ],
    [
      'spam',
      [
        ['Gagnez 1000€ en crypto 🚀 https://t.co/xx @FibraMax', 'spam', false, 'neutral'],
        ['@CityBank GIVEAWAY 🎁 RT + follow to win https://t.co/yy', 'spam', false, 'neutral'],
        ['Buy $MOONX now, 100x guaranteed 💎 https://bit.ly/moon @PowerGrid', 'spam', false, 'neutral'],
        ['follow back? #f4f @MegaStore', 'spam', false, 'neutral'],
      ],
    ],
    [
      'passing mentions and chatter',
      [
        ['Dans l’avion @JetLine pour Rome, à nous les vacances ☀️', 'other', false, 'positive'],
        ['my cousin works at @CityBank now', 'other', false, 'neutral'],
        ['@MegaStore 😂', 'other', false, 'neutral'],
      ],
    ],
  ])('%s', (_name, cases) => {
    it.each(cases)('reads %j as %s (reply: %s, %s)', (text, intent, needsReply, sentiment) => {
      const result = triagePost({ text });
      expect({ intent: result.intent, needsReply: result.needsReply, sentiment: result.sentiment }).toEqual({
        intent,
        needsReply,
        sentiment,
      });
    });
  });

  it.each([
    ['RT @anna: plus de réseau chez @FibraMax depuis 2h 😡', 'outage_report'],
    ['RT @mike: @CityBank app down again', 'outage_report'],
  ])('does not ask for a reply to the plain retweet %j but keeps its intent', (text, intent) => {
    const result = triagePost({ text });
    expect(result.needsReply).toBe(false);
    expect(result.intent).toBe(intent);
    expect(result.reasons).toContain('no reply: plain retweet');
  });

  it('honours the retweet hint for a retweet without the RT prefix', () => {
    expect(triagePost({ text: '@FibraMax plus de réseau', isRetweet: true }).needsReply).toBe(false);
  });

  it('does not ask for a reply when the brand is only mentioned in passing', () => {
    const result = triagePost({
      text: '@julie tu savais que @FibraMax a encore augmenté ses prix ?',
      isPassingMention: true,
    });
    expect(result.needsReply).toBe(false);
    expect(result.reasons).toContain('no reply: the brand is only mentioned in passing');
  });

  it.each(['merci !', '@FibraMax merci beaucoup 🙏', 'thanks!!', 'ok super merci'])(
    'does not reopen a resolved case for the thank-you %j',
    (text) => {
      const result = triagePost({ text, isReplyInResolvedConversation: true });
      expect(result.needsReply).toBe(false);
      expect(result.intent).toBe('praise');
    },
  );

  it('asks for a reply when a new problem arrives in a resolved conversation', () => {
    const result = triagePost({
      text: 'merci mais ça ne marche toujours pas, plus d’internet',
      isReplyInResolvedConversation: true,
    });
    expect(result.needsReply).toBe(true);
    expect(result.intent).toBe('outage_report');
  });

  it('sends a post addressed to the brand with no known cue to an agent as a low-confidence complaint', () => {
    const result = triagePost({ text: '@CoverAll third time you have asked me for the same documents now' });
    expect(result.intent).toBe('complaint');
    expect(result.needsReply).toBe(true);
    expect(result.reasons).toContain(
      'addressed to the brand with no clear cue: treated as a complaint so that it gets a reply',
    );
  });

  it('leaves an unaddressed post with no cue alone', () => {
    expect(
      triagePost({ text: 'third time this week my cousin mentioned @CoverAll at dinner' }).needsReply,
    ).toBe(false);
  });

  it('treats a direct message as addressed to the brand, so a message with no cue still reaches an agent', () => {
    const text = 'third time this week the same documents are asked again';
    expect(triagePost({ text }).needsReply).toBe(false);
    expect(triagePost({ text, isDirectMessage: true })).toMatchObject({
      intent: 'complaint',
      needsReply: true,
    });
  });

  it('lists urgency words for the priority', () => {
    expect(
      triagePost({ text: '@CityBank carte bloquée, fraude sur mon compte, urgent !' }).urgencyWords,
    ).toEqual(expect.arrayContaining(['urgent', 'bloquee', 'fraude']));
  });

  it('explains its decision and bounds its confidence', () => {
    const result = triagePost({ text: '@FibraMax plus de réseau depuis ce matin' });
    expect(result.reasons.some((reason) => reason.startsWith('intent outage_report'))).toBe(true);
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it.each(['', '   ', '@FibraMax', 'https://t.co/abc', '🙂🙂🙂'])(
    'handles the near-empty post %j',
    (text) => {
      const result = triagePost({ text });
      expect(result.intent).toBe('other');
      expect(result.needsReply).toBe(false);
    },
  );
});
