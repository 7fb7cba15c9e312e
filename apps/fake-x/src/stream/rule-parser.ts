import { assertNever } from '@vigie/kernel';

/** A parsed filtered-stream / search query: keywords, phrases, operators, AND (adjacency), OR, `-` and groups. */
export type RuleNode =
  | { type: 'term'; kind: 'keyword' | 'phrase'; words: string[] }
  | { type: 'mention'; username: string }
  | { type: 'hashtag'; tag: string }
  | { type: 'operator'; name: OperatorName; value: string }
  | { type: 'not'; node: RuleNode }
  | { type: 'and'; nodes: RuleNode[] }
  | { type: 'or'; nodes: RuleNode[] };

export type OperatorName = 'from' | 'to' | 'lang' | 'is' | 'has' | 'conversation_id' | 'retweets_of';

const OPERATORS: readonly OperatorName[] = [
  'from',
  'to',
  'lang',
  'is',
  'has',
  'conversation_id',
  'retweets_of',
];
/** Operators X refuses on their own ("conjunction required"). */
const CONJUNCTION_REQUIRED: readonly OperatorName[] = ['lang', 'is', 'has'];
const IS_VALUES = ['retweet', 'reply', 'quote', 'verified'];
const HAS_VALUES = ['links', 'mentions', 'hashtags'];

export class RuleSyntaxError extends Error {}

type Token = { kind: 'open' | 'close' | 'or' | 'not' } | { kind: 'text'; value: string; isQuoted: boolean };

/** Splits text into lowercase word tokens (X matches keywords on tokenized text, case-insensitively). */
export function tokenizeWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((word) => word.length > 0);
}

function tokenize(rule: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < rule.length) {
    const character = rule[index];
    const symbol =
      character === '('
        ? 'open'
        : character === ')'
          ? 'close'
          : character === '-' && index + 1 < rule.length && !/\s/.test(rule[index + 1])
            ? 'not'
            : undefined;
    if (/\s/.test(character)) index += 1;
    else if (symbol) {
      tokens.push({ kind: symbol });
      index += 1;
    } else if (character === '"') {
      const end = rule.indexOf('"', index + 1);
      if (end < 0) throw new RuleSyntaxError(`Unterminated quoted phrase (at position ${index + 1})`);
      tokens.push({ kind: 'text', value: rule.slice(index + 1, end), isQuoted: true });
      index = end + 1;
    } else {
      let end = index;
      while (end < rule.length && !/[\s()"]/.test(rule[end])) end += 1;
      const value = rule.slice(index, end);
      tokens.push(value === 'OR' ? { kind: 'or' } : { kind: 'text', value, isQuoted: false });
      index = end;
    }
  }
  return tokens;
}

/** Parses a rule; throws RuleSyntaxError with a message in X's style when it is not valid. */
export function parseRule(rule: string): RuleNode {
  const tokens = tokenize(rule);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];

  const parseOr = (): RuleNode => {
    const nodes = [parseAnd()];
    while (peek()?.kind === 'or') {
      position += 1;
      nodes.push(parseAnd());
    }
    return nodes.length === 1 ? nodes[0] : { type: 'or', nodes };
  };
  const parseAnd = (): RuleNode => {
    const nodes: RuleNode[] = [];
    while (position < tokens.length && peek()?.kind !== 'or' && peek()?.kind !== 'close')
      nodes.push(parseUnary());
    if (nodes.length === 0) throw new RuleSyntaxError(`Missing term (at position ${position + 1})`);
    return nodes.length === 1 ? nodes[0] : { type: 'and', nodes };
  };
  const parseUnary = (): RuleNode => {
    if (peek()?.kind === 'not') {
      position += 1;
      return { type: 'not', node: parsePrimary() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): RuleNode => {
    const token = tokens[position++];
    if (!token) throw new RuleSyntaxError('Unexpected end of rule');
    if (token.kind === 'open') {
      const node = parseOr();
      if (tokens[position++]?.kind !== 'close') throw new RuleSyntaxError('Unbalanced parentheses');
      return node;
    }
    if (token.kind !== 'text')
      throw new RuleSyntaxError(`Unexpected '${token.kind === 'close' ? ')' : token.kind.toUpperCase()}'`);
    return parseText(token.value, token.isQuoted);
  };

  const root = parseOr();
  if (position < tokens.length) throw new RuleSyntaxError('Unbalanced parentheses');
  if (!hasPositiveStandaloneTerm(root))
    throw new RuleSyntaxError(
      'Rules must contain a non-negation term that is not conjunction-required (at position 1)',
    );
  return root;
}

function parseText(value: string, isQuoted: boolean): RuleNode {
  if (isQuoted) {
    const words = tokenizeWords(value);
    if (words.length === 0) throw new RuleSyntaxError('Empty quoted phrase');
    return { type: 'term', kind: 'phrase', words };
  }
  if (value.startsWith('@') && value.length > 1)
    return { type: 'mention', username: value.slice(1).toLowerCase() };
  if (value.startsWith('#') && value.length > 1)
    return { type: 'hashtag', tag: value.slice(1).toLowerCase() };
  const operator = /^([a-z_]+):(.+)$/.exec(value);
  if (operator) {
    const name = operator[1] as OperatorName;
    if (!OPERATORS.includes(name))
      throw new RuleSyntaxError(
        `Reference to invalid operator '${operator[1]}'. Operator is not available in current product or product packaging.`,
      );
    const operand = operator[2].replace(/^@/, '').toLowerCase();
    if (name === 'is' && !IS_VALUES.includes(operand))
      throw new RuleSyntaxError(`Reference to invalid operator 'is:${operand}'.`);
    if (name === 'has' && !HAS_VALUES.includes(operand))
      throw new RuleSyntaxError(`Reference to invalid operator 'has:${operand}'.`);
    return { type: 'operator', name, value: operand };
  }
  const words = tokenizeWords(value);
  if (words.length === 0) throw new RuleSyntaxError(`Invalid term '${value}'`);
  return { type: 'term', kind: words.length === 1 ? 'keyword' : 'phrase', words };
}

function hasPositiveStandaloneTerm(node: RuleNode): boolean {
  switch (node.type) {
    case 'term':
    case 'mention':
    case 'hashtag':
      return true;
    case 'operator':
      return !CONJUNCTION_REQUIRED.includes(node.name);
    case 'not':
      return false;
    case 'and':
      return node.nodes.some(hasPositiveStandaloneTerm);
    case 'or':
      return node.nodes.every(hasPositiveStandaloneTerm);
    default:
      return assertNever(node);
  }
}
