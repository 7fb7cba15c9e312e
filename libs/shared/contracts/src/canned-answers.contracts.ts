/** Canned answers (docs/console.md, ADR 0502): saved replies per brand and language, with variables. */

/** The variables a canned answer may use, written `{{customer.name}}`; anything else is refused at save time. */
export const cannedAnswerVariables = [
  'customer.name',
  'customer.handle',
  'agent.name',
  'brand.name',
  'next_opening',
] as const;
export type CannedAnswerVariable = (typeof cannedAnswerVariables)[number];

export type CannedAnswerView = {
  id: string;
  brandId: string;
  /** Two letters (`fr`, `en`). */
  language: string;
  title: string;
  /** The template, variables unrendered. */
  body: string;
  /** Lower-case letters, digits, `-` and `_`: what an agent types after `/` to find it first. */
  shortcut: string | null;
  variables: CannedAnswerVariable[];
  createdAt: string;
  updatedAt: string;
  /** Set once deleted (soft delete: the row stays, and `restore` brings it back). */
  deletedAt: string | null;
};

/** `POST /api/canned-answers` (supervisors, admins). */
export type CreateCannedAnswerRequest = {
  brandId: string;
  language: string;
  title: string;
  body: string;
  shortcut?: string | null;
};

/** `PATCH /api/canned-answers/:id`: any of the fields; `shortcut: null` removes it. */
export type UpdateCannedAnswerRequest = Partial<Omit<CreateCannedAnswerRequest, 'brandId'>>;

/** `GET /api/canned-answers?brandId=&language=&q=&includeDeleted=`. */
export type CannedAnswerList = { items: CannedAnswerView[] };

/** A canned answer filled in for one conversation and agent. */
export type RenderedCannedAnswer = {
  id: string;
  language: string;
  title: string;
  shortcut: string | null;
  body: string;
  /** The text to insert in the reply box. */
  text: string;
  /** Variables that had no value here (a customer without a name): left empty in `text`. */
  missingVariables: CannedAnswerVariable[];
};

/**
 * `GET /api/conversations/:id/canned-answers?locale=`: the conversation's brand's answers, rendered, those in
 * the conversation's language first.
 */
export type ConversationCannedAnswers = {
  conversationId: string;
  /** The language the customer writes in, when known. */
  language: string | null;
  items: RenderedCannedAnswer[];
};
