import type {
  CannedAnswerVariable,
  ContactSummary,
  ConversationDetail,
  RenderedCannedAnswer,
} from '@vigie/contracts';
import type { AutoAnswerLanguage } from '@vigie/sla-core';

/**
 * The values of the variables for one conversation and agent: the customer's name is their display name, else
 * their `@handle`; the handle carries its `@`. Null: no value here (the answer shows it empty and says so).
 */
export function cannedValues(params: {
  contact: Pick<ContactSummary, 'displayName' | 'handle'>;
  agentName: string;
  brandName: string | null;
  nextOpening: string | null;
}): Record<CannedAnswerVariable, string | null> {
  const handle = params.contact.handle ? `@${params.contact.handle}` : null;
  return {
    'customer.name': params.contact.displayName?.trim() || handle,
    'customer.handle': handle,
    'agent.name': params.agentName.trim() || null,
    'brand.name': params.brandName,
    next_opening: params.nextOpening,
  };
}

/** `{{next_opening}}` in the answer's language when it has a formatter, else the agent's; English otherwise. */
export function formattingLanguage(
  answerLanguage: string,
  agentLocale: string | undefined,
): AutoAnswerLanguage {
  for (const candidate of [answerLanguage, agentLocale])
    if (candidate === 'fr' || candidate === 'en') return candidate;
  return 'en';
}

/** The language the customer writes in: their latest message's, else their profile's. */
export function conversationLanguage(conversation: ConversationDetail): string | null {
  const inbound = conversation.messages.filter(
    (message) => message.direction === 'inbound' && message.language,
  );
  const latest = inbound[inbound.length - 1]?.language ?? conversation.contact.language;
  return latest ? latest.slice(0, 2).toLowerCase() : null;
}

/** Answers in the customer's language first, each group in title order (as stored). */
export function byLanguage(items: RenderedCannedAnswer[], language: string | null): RenderedCannedAnswer[] {
  return [
    ...items.filter((item) => item.language === language),
    ...items.filter((item) => item.language !== language),
  ];
}
