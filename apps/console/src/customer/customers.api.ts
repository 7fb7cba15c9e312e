import {
  type ContactIdentityView,
  type ContactMergeView,
  type ContactNoteView,
  type CustomerPicture,
  type DuplicateSuggestion,
} from '@vigie/contracts';
import { type ApiResult, requestJson } from '../shared/http';
import { type LinkableChannel } from './customer-links';

const crm = '/api/crm';
const id = (value: string) => encodeURIComponent(value);

/** `GET /api/crm/contacts/:id`: the customer behind a conversation (a merged contact answers with its survivor). */
export function fetchCustomerPicture(contactId: string): Promise<ApiResult<CustomerPicture>> {
  return requestJson<CustomerPicture>(`${crm}/contacts/${id(contactId)}`);
}

export function postContactNote(contactId: string, body: string): Promise<ApiResult<ContactNoteView>> {
  return requestJson<ContactNoteView>(`${crm}/contacts/${id(contactId)}/notes`, {
    method: 'POST',
    body: JSON.stringify({ body }),
  });
}

/** Links an e-mail, phone or CRM id by hand (409 when another contact has it: merge instead). */
export function postContactIdentity(params: {
  contactId: string;
  channel: LinkableChannel;
  value: string;
}): Promise<ApiResult<ContactIdentityView>> {
  return requestJson<ContactIdentityView>(`${crm}/contacts/${id(params.contactId)}/identities`, {
    method: 'POST',
    body: JSON.stringify({ channel: params.channel, value: params.value }),
  });
}

/** Unlinks an identity: a hand-linked one is deleted, an X account is split off into a new contact. */
export function deleteContactIdentity(identityId: string): Promise<ApiResult<void>> {
  return requestJson<void>(`${crm}/identities/${id(identityId)}`, { method: 'DELETE' });
}

export function acceptLinkProposal(proposalId: string): Promise<ApiResult<ContactIdentityView>> {
  return requestJson<ContactIdentityView>(`${crm}/link-proposals/${id(proposalId)}/accept`, {
    method: 'POST',
  });
}

export function rejectLinkProposal(proposalId: string): Promise<ApiResult<void>> {
  return requestJson<void>(`${crm}/link-proposals/${id(proposalId)}/reject`, { method: 'POST' });
}

/** Likely duplicates, best first, with the reasons; only ever suggestions (ADR 0302). */
export function fetchDuplicates(contactId: string): Promise<ApiResult<DuplicateSuggestion[]>> {
  return requestJson<DuplicateSuggestion[]>(`${crm}/contacts/${id(contactId)}/duplicates`);
}

/** Supervisors and admins: `mergedId` becomes an alias of `survivorId` (reversible, ADR 0301). */
export function postMerge(params: {
  survivorId: string;
  mergedId: string;
}): Promise<ApiResult<ContactMergeView>> {
  return requestJson<ContactMergeView>(`${crm}/merges`, { method: 'POST', body: JSON.stringify(params) });
}

export function postMergeUndo(mergeId: string): Promise<ApiResult<ContactMergeView>> {
  return requestJson<ContactMergeView>(`${crm}/merges/${id(mergeId)}/undo`, { method: 'POST' });
}
