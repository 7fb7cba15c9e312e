// The labelled set is a repo fixture: reading it is the point of this test (it is part of the deliverable).
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseLabelledJsonl, parseLabelledLine } from './labelled-post';

describe('parseLabelledLine', () => {
  const valid = {
    id: 'x1',
    lang: 'fr',
    text: 'plus de réseau',
    needs_reply: true,
    intent: 'outage_report',
    sentiment: 'negative',
  };

  it('reads a valid line and ignores extra fields', () => {
    expect(parseLabelledLine(JSON.stringify({ ...valid, source: 'manual', brand: 'x' }))).toEqual({
      post: {
        id: 'x1',
        language: 'fr',
        text: 'plus de réseau',
        needsReply: true,
        intent: 'outage_report',
        sentiment: 'negative',
      },
    });
  });

  it.each<[string, string]>([
    ['{not json', 'not valid JSON'],
    ['[1,2]', 'not a JSON object'],
    [JSON.stringify({ ...valid, lang: 'de' }), '"lang" must be "fr" or "en" (got "de")'],
    [JSON.stringify({ ...valid, text: '' }), '"text" must be a non-empty string'],
    [JSON.stringify({ ...valid, needs_reply: 'yes' }), '"needs_reply" must be true or false'],
    [
      JSON.stringify({ ...valid, intent: 'rant' }),
      '"intent" "rant" is not one of complaint, question, outage_report, request, praise, spam, other',
    ],
    [
      JSON.stringify({ ...valid, sentiment: 'angry' }),
      '"sentiment" "angry" is not one of negative, neutral, positive',
    ],
    [JSON.stringify({ ...valid, id: undefined }), '"id" missing'],
  ])('rejects the malformed line %s', (line, error) => {
    expect(parseLabelledLine(line)).toEqual({ error });
  });

  it('counts malformed lines with their line numbers and skips blank ones', () => {
    const parsed = parseLabelledJsonl(
      `${JSON.stringify(valid)}\n\n{oops\n${JSON.stringify({ ...valid, id: 'x2' })}\n`,
    );
    expect(parsed.posts.map((post) => post.id)).toEqual(['x1', 'x2']);
    expect(parsed.errors).toEqual([{ lineNumber: 3, error: 'not valid JSON' }]);
  });
});

describe.each(['triage-labelled.jsonl', 'triage-dev.jsonl', 'triage-stress.jsonl', 'triage-fresh.jsonl'])(
  'the repo data file %s',
  (fileName) => {
    const content = readFileSync(path.join(__dirname, '..', '..', 'data', fileName), 'utf8');
    const parsed = parseLabelledJsonl(content);

    it('has no malformed line', () => {
      expect(parsed.errors).toEqual([]);
    });

    it('has unique ids', () => {
      expect(new Set(parsed.posts.map((post) => post.id)).size).toBe(parsed.posts.length);
    });

    it('covers both languages and every intent', () => {
      expect(new Set(parsed.posts.map((post) => post.language))).toEqual(new Set(['fr', 'en']));
      expect(new Set(parsed.posts.map((post) => post.intent)).size).toBe(7);
    });
  },
);

describe('the repo labelled set', () => {
  const parsed = parseLabelledJsonl(
    readFileSync(path.join(__dirname, '..', '..', 'data', 'triage-labelled.jsonl'), 'utf8'),
  );

  it('has at least 200 posts, at least 40% in each language', () => {
    expect(parsed.posts.length).toBeGreaterThanOrEqual(200);
    for (const language of ['fr', 'en']) {
      expect(parsed.posts.filter((post) => post.language === language).length).toBeGreaterThanOrEqual(
        parsed.posts.length * 0.4,
      );
    }
  });

  it('shares no text with the dev set it was not tuned on', () => {
    const dev = parseLabelledJsonl(
      readFileSync(path.join(__dirname, '..', '..', 'data', 'triage-dev.jsonl'), 'utf8'),
    );
    const devTexts = new Set(dev.posts.map((post) => post.text));
    expect(parsed.posts.filter((post) => devTexts.has(post.text))).toEqual([]);
  });
});
