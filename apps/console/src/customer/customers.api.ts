import { type ContactNoteView, type CustomerPicture } from '@vigie/contracts';
import { type ApiResult, requestJson } from '../shared/http';

/** `GET /api/crm/contacts/:id`: the customer behind a conversation (a merged contact answers with its survivor). */
export function fetchCustomerPicture(contactId: string): Promise<ApiResult<CustomerPicture>> {
  return requestJson<CustomerPicture>(`/api/crm/contacts/${encodeURIComponent(contactId)}`);
}

export function postContactNote(contactId: string, body: string): Promise<ApiResult<ContactNoteView>> {
  return requestJson<ContactNoteView>(`/api/crm/contacts/${encodeURIComponent(contactId)}/notes`, {
    method: 'POST',
    body: JSON.stringify({ body }),
  });
}
