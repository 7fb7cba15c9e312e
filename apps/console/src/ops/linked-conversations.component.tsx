import { type SpikeIncidentView, type SpikeLinkedConversationPage } from '@vigie/contracts';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from './load-failed.component';
import { useNow } from '../shared/use-now.hook';
import { Link, useNavigate } from 'react-router';
import { conversationIdFrom, customerLabel } from './incidents';
import { fetchLinkedConversations, linkConversation, splitIncident, unlinkConversation } from './ops.api';
import { type OpsErrorKey, opsErrorKey } from './ops-errors';
import { formatInstant } from './ops-format';

const pageSize = 50;

/**
 * The conversations linked to the incident, newest links first: open one in the inbox, unlink it, link one by
 * hand, or move a selection to a new incident (split). Read again whenever the linked count changes.
 */
export function LinkedConversations({
  incident,
  onChanged,
}: {
  incident: SpikeIncidentView;
  onChanged: (incident: SpikeIncidentView) => void;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const ids = { heading: useId(), link: useId(), linkError: useId() };
  const [limit, setLimit] = useState(pageSize);
  const [page, setPage] = useState<SpikeLinkedConversationPage | null>(null);
  const [hasFailed, setHasFailed] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [linkInput, setLinkInput] = useState('');
  const [linkInvalid, setLinkInvalid] = useState(false);
  const [error, setError] = useState<OpsErrorKey | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const isOpen = incident.status === 'open';
  const linkedCount = incident.linkedConversationCount;

  useEffect(() => {
    let isCurrent = true;
    void fetchLinkedConversations({ id: incident.id, limit }).then((result) => {
      if (!isCurrent) return;
      if (result.kind === 'ok') setPage(result.body);
      setHasFailed(result.kind === 'failed');
    });
    return () => {
      isCurrent = false;
    };
  }, [incident.id, limit, linkedCount]);

  const run = async (action: () => Promise<SpikeIncidentView | null>) => {
    setIsBusy(true);
    setError(null);
    await action();
    setIsBusy(false);
  };

  const unlink = (conversationId: string) =>
    run(async () => {
      const result = await unlinkConversation(incident.id, conversationId);
      if (result.kind === 'failed') {
        setError(opsErrorKey(result.failure));
        return null;
      }
      setSelected((current) => new Set([...current].filter((id) => id !== conversationId)));
      onChanged(result.body);
      return result.body;
    });

  const link = (event: FormEvent) => {
    event.preventDefault();
    const conversationId = conversationIdFrom(linkInput);
    setLinkInvalid(conversationId === null);
    if (!conversationId) return;
    void run(async () => {
      const result = await linkConversation(incident.id, conversationId);
      if (result.kind === 'failed') {
        setError(opsErrorKey(result.failure));
        return null;
      }
      setLinkInput('');
      onChanged(result.body);
      return result.body;
    });
  };

  const split = () =>
    run(async () => {
      const result = await splitIncident(incident.id, [...selected]);
      if (result.kind === 'failed') {
        setError(opsErrorKey(result.failure));
        return null;
      }
      setSelected(new Set());
      void navigate(`/ops/incidents/${result.body.id}`);
      return result.body;
    });

  const toggle = (conversationId: string, isChecked: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (isChecked) next.add(conversationId);
      else next.delete(conversationId);
      return next;
    });

  const language = i18n.language;
  const nowMs = useNow(30_000).getTime();
  const conversations = page?.conversations ?? [];
  return (
    <section className="ops-card" aria-labelledby={ids.heading}>
      <div className="ops-card__header">
        <h2 id={ids.heading}>
          {t('ops.linked.heading')} <span className="ops-count">({linkedCount})</span>
        </h2>
      </div>
      {hasFailed ? <LoadFailed /> : null}
      {error ? (
        <p className="notice notice--error" role="alert">
          {t(`ops.errors.${error}`)}
        </p>
      ) : null}
      {page && conversations.length === 0 ? <p className="ops-muted">{t('ops.linked.empty')}</p> : null}
      {conversations.length > 0 ? (
        <ul className="linked-list" data-testid="linked-conversations">
          {conversations.map((conversation) => {
            const name = customerLabel(conversation) ?? t('ops.linked.unknownCustomer');
            const checkboxId = `linked-${conversation.conversationId}`;
            return (
              <li
                key={conversation.conversationId}
                className="linked-list__item"
                data-testid="linked-conversation"
                data-conversation-id={conversation.conversationId}
              >
                {isOpen ? (
                  <input
                    id={checkboxId}
                    type="checkbox"
                    className="linked-list__check"
                    checked={selected.has(conversation.conversationId)}
                    aria-label={t('ops.linked.select', { name })}
                    onChange={(event) => toggle(conversation.conversationId, event.target.checked)}
                  />
                ) : null}
                <div className="linked-list__body">
                  <p className="linked-list__who">
                    <span className="linked-list__name">{name}</span>
                    <span className="badge">{t(`ops.linked.kind.${conversation.kind}`)}</span>
                    <span className="badge">{t(`conversation.status.${conversation.status}`)}</span>
                    <time className="ops-muted" dateTime={conversation.linkedAt}>
                      {t('ops.linked.linkedAt', {
                        time: formatInstant({ iso: conversation.linkedAt, language, nowMs }),
                      })}
                    </time>
                  </p>
                  <p className="linked-list__preview">{conversation.lastMessagePreview}</p>
                </div>
                <div className="linked-list__actions">
                  <Link
                    className="button button--secondary"
                    to={`/inbox?conversation=${conversation.conversationId}`}
                  >
                    {t('ops.linked.open')}
                  </Link>
                  {isOpen ? (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={isBusy}
                      aria-label={t('ops.linked.unlinkLabel', { name })}
                      onClick={() => void unlink(conversation.conversationId)}
                    >
                      {t('ops.linked.unlink')}
                    </button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
      {page && page.total > conversations.length ? (
        <p className="linked-list__more">
          <span className="ops-muted">
            {t('ops.linked.shown', { shown: conversations.length, total: page.total })}
          </span>{' '}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setLimit((value) => value + pageSize)}
          >
            {t('ops.linked.loadMore')}
          </button>
        </p>
      ) : null}
      {isOpen ? (
        <div className="linked-tools">
          <div className="linked-tools__split">
            <button
              type="button"
              className="button button--secondary"
              disabled={selected.size === 0 || isBusy}
              onClick={() => void split()}
            >
              {t('ops.linked.split.submit', { count: selected.size })}
            </button>
            <p className="ops-muted">{t('ops.linked.split.help')}</p>
          </div>
          <form className="linked-tools__link" onSubmit={link}>
            <label className="field__label" htmlFor={ids.link}>
              {t('ops.linked.link.label')}
            </label>
            <div className="linked-tools__row">
              <input
                id={ids.link}
                className="field__input"
                value={linkInput}
                aria-invalid={linkInvalid}
                aria-describedby={linkInvalid ? ids.linkError : undefined}
                onChange={(event) => {
                  setLinkInput(event.target.value);
                  setLinkInvalid(false);
                }}
              />
              <button
                type="submit"
                className="button button--secondary"
                disabled={isBusy || linkInput.trim() === ''}
              >
                {t('ops.linked.link.submit')}
              </button>
            </div>
            {linkInvalid ? (
              <p id={ids.linkError} className="composer__count composer__count--over">
                {t('ops.linked.link.invalid')}
              </p>
            ) : null}
          </form>
        </div>
      ) : null}
    </section>
  );
}
