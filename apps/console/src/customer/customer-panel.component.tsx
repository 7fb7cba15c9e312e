import { type CustomerPicture, type SessionUser } from '@vigie/contracts';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type ConsoleSocket } from '../realtime/socket.client';
import { RelativeTime } from '../shared/relative-time.component';
import {
  concernsPicture,
  formatAccountValue,
  maxNoteLength,
  noteAuthor,
  noteDraftProblem,
  notesNewestFirst,
  pastConversations,
  withNote,
  type NoteDraftProblem,
} from './customer-panel';
import { CustomerIdentities } from './customer-identities.component';
import { CustomerMerges } from './customer-merges.component';
import { fetchCustomerPicture, postContactNote } from './customers.api';
import './customer-panel.css';

/**
 * The customer beside the conversation: contact, identities (link, unlink, proposals), merges (duplicates, merge,
 * undo), account (owner, tier, value), past conversations and notes, from the CRM (`GET /api/crm/contacts/:id`).
 * Kept fresh by the CRM's contact events.
 */
export function CustomerPanel(params: {
  contactId: string;
  conversationId: string;
  user: SessionUser;
  socket: ConsoleSocket | null;
  reconnections: number;
}) {
  const { contactId, conversationId, user, socket, reconnections } = params;
  const { t } = useTranslation();
  const [picture, setPicture] = useState<CustomerPicture | null>(null);
  const [hasFailed, setHasFailed] = useState(false);

  const load = useCallback(async () => {
    const result = await fetchCustomerPicture(contactId);
    setHasFailed(result.kind !== 'ok');
    if (result.kind === 'ok') setPicture(result.body);
  }, [contactId]);

  // Load on opening, and again after a reconnection (events sent while disconnected are not replayed).
  useEffect(() => {
    let isCurrent = true;
    void fetchCustomerPicture(contactId).then((result) => {
      if (!isCurrent) return;
      setHasFailed(result.kind !== 'ok');
      if (result.kind === 'ok') setPicture(result.body);
    });
    return () => {
      isCurrent = false;
    };
  }, [contactId, reconnections]);

  useEffect(() => {
    if (!socket || !picture) return;
    const reloadIfConcerned = (contactIds: string[]) => {
      if (concernsPicture(picture, contactIds)) void load();
    };
    const onUpdated = (event: { contactId: string }) => reloadIfConcerned([event.contactId]);
    const onMerge = (event: { survivorId: string; mergedId: string }) =>
      reloadIfConcerned([event.survivorId, event.mergedId]);
    socket.on('contact.updated', onUpdated);
    socket.on('contact.erased', onUpdated);
    socket.on('contact.merged', onMerge);
    socket.on('contact.merge_undone', onMerge);
    return () => {
      socket.off('contact.updated', onUpdated);
      socket.off('contact.erased', onUpdated);
      socket.off('contact.merged', onMerge);
      socket.off('contact.merge_undone', onMerge);
    };
  }, [socket, picture, load]);

  return (
    <aside className="customer-panel" aria-labelledby="customer-heading" data-testid="customer-panel">
      <h2 id="customer-heading" className="customer-panel__heading">
        {t('customer.heading')}
      </h2>
      {hasFailed && !picture ? (
        <p className="notice notice--error" role="alert">
          {t('customer.loadFailed')}
        </p>
      ) : !picture ? (
        <p className="customer-panel__muted" role="status">
          {t('customer.loading')}
        </p>
      ) : (
        <CustomerDetails
          picture={picture}
          conversationId={conversationId}
          user={user}
          onChanged={() => void load()}
          onNoteAdded={(note) => setPicture((current) => (current ? withNote(current, note) : current))}
        />
      )}
    </aside>
  );
}

function CustomerDetails(params: {
  picture: CustomerPicture;
  conversationId: string;
  user: SessionUser;
  /** A link, unlink, merge or undo went through: read the picture again (its socket event will too). */
  onChanged: () => void;
  onNoteAdded: Parameters<typeof NoteForm>[0]['onNoteAdded'];
}) {
  const { picture, conversationId, user, onChanged, onNoteAdded } = params;
  const { t, i18n } = useTranslation();
  const [searchParams] = useSearchParams();
  const account = picture.account;
  const others = pastConversations(picture, conversationId);
  const linkTo = (id: string) => {
    const next = new URLSearchParams(searchParams);
    next.set('conversation', id);
    return `?${next.toString()}`;
  };

  if (picture.erasedAt)
    return (
      <p className="customer-panel__muted" data-testid="customer-erased">
        {t('customer.erased')}
      </p>
    );

  return (
    <>
      <section className="customer-panel__section" aria-labelledby="customer-contact">
        <h3 id="customer-contact">{t('customer.contact.heading')}</h3>
        <p className="customer-panel__name" data-testid="customer-name">
          {picture.displayName ?? t('customer.contact.unnamed')}
        </p>
        <dl className="customer-panel__facts">
          {picture.language ? (
            <>
              <dt>{t('customer.contact.language')}</dt>
              <dd>{picture.language}</dd>
            </>
          ) : null}
          {picture.tags.length > 0 ? (
            <>
              <dt>{t('customer.contact.tags')}</dt>
              <dd>{picture.tags.join(', ')}</dd>
            </>
          ) : null}
        </dl>
        {picture.mergedContactIds.length > 0 ? (
          <p className="customer-panel__muted">
            {t('customer.contact.merged', { count: picture.mergedContactIds.length })}
          </p>
        ) : null}
      </section>

      <CustomerIdentities picture={picture} user={user} onChanged={onChanged} />
      <CustomerMerges picture={picture} user={user} onChanged={onChanged} />

      <section className="customer-panel__section" aria-labelledby="customer-account">
        <h3 id="customer-account">{t('customer.account.heading')}</h3>
        {account ? (
          <dl className="customer-panel__facts" data-testid="customer-account">
            <dt>{t('customer.account.name')}</dt>
            <dd>{account.name}</dd>
            <dt>{t('customer.account.owner')}</dt>
            <dd>{account.owner?.displayName ?? t('customer.account.noOwner')}</dd>
            <dt>{t('customer.account.tier')}</dt>
            <dd>
              {account.tier ? t(`customer.account.tiers.${account.tier}`) : t('customer.account.unknown')}
            </dd>
            <dt>{t('customer.account.value')}</dt>
            <dd>{formatAccountValue(account.value, i18n.language) ?? t('customer.account.unknown')}</dd>
          </dl>
        ) : (
          <p className="customer-panel__muted" data-testid="customer-account">
            {t('customer.account.none')}
          </p>
        )}
      </section>

      <section className="customer-panel__section" aria-labelledby="customer-history">
        <h3 id="customer-history">{t('customer.history.heading')}</h3>
        {others.length === 0 ? (
          <p className="customer-panel__muted">{t('customer.history.none')}</p>
        ) : (
          <ul className="customer-panel__list" data-testid="customer-history">
            {others.map((conversation) => (
              <li key={conversation.id}>
                <Link to={linkTo(conversation.id)} className="customer-panel__history-link">
                  {/* Tweet text is hostile input: a text node, never HTML. */}
                  <span className="customer-panel__preview">{conversation.lastMessagePreview}</span>
                </Link>
                <span className="customer-panel__muted">
                  {t(`conversation.status.${conversation.status}`)} ·{' '}
                  <RelativeTime iso={conversation.lastActivityAt} />
                  {conversation.slaBreaches.length > 0 ? ` · ${t('customer.history.breached')}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="customer-panel__section" aria-labelledby="customer-notes">
        <h3 id="customer-notes">{t('customer.notes.heading')}</h3>
        <NoteForm contactId={picture.id} onNoteAdded={onNoteAdded} />
        <ul className="customer-panel__list" data-testid="customer-notes">
          {notesNewestFirst(picture.notes).map((note) => (
            <li key={note.id} data-testid="customer-note">
              <p className="customer-panel__note-body">{note.body}</p>
              <span className="customer-panel__muted">
                {t(`customer.notes.author.${noteAuthor(note, user.id)}`)} ·{' '}
                <RelativeTime iso={note.createdAt} />
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

type NoteFormError = NoteDraftProblem | 'failed';

function NoteForm(params: {
  contactId: string;
  onNoteAdded: (note: CustomerPicture['notes'][number]) => void;
}) {
  const { contactId, onNoteAdded } = params;
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [error, setError] = useState<NoteFormError | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = noteDraftProblem(body);
    if (problem) {
      setError(problem);
      return;
    }
    setIsSaving(true);
    const result = await postContactNote(contactId, body.trim());
    setIsSaving(false);
    if (result.kind === 'failed') {
      setError('failed');
      return;
    }
    setError(null);
    setBody('');
    onNoteAdded(result.body);
  }

  return (
    <form className="customer-panel__note-form" onSubmit={(event) => void submit(event)} noValidate>
      <label className="visually-hidden" htmlFor={`note-${contactId}`}>
        {t('customer.notes.label')}
      </label>
      <textarea
        id={`note-${contactId}`}
        className="field__input customer-panel__note-input"
        rows={2}
        maxLength={maxNoteLength}
        placeholder={t('customer.notes.placeholder')}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        aria-invalid={error === 'empty' || error === 'tooLong'}
        aria-describedby={error ? `note-error-${contactId}` : undefined}
        data-testid="customer-note-input"
      />
      {error ? (
        <p id={`note-error-${contactId}`} className="notice notice--error" role="alert">
          {t(`customer.notes.errors.${error}`)}
        </p>
      ) : null}
      <button
        type="submit"
        className="button button--secondary"
        disabled={isSaving}
        data-testid="customer-note-add"
      >
        {isSaving ? t('customer.notes.saving') : t('customer.notes.add')}
      </button>
    </form>
  );
}
