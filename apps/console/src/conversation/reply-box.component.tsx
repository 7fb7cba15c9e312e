import {
  type ConversationDetail,
  type RenderedCannedAnswer,
  type ReplyMode,
  type SessionUser,
} from '@vigie/contracts';
import { type FormEvent, type KeyboardEvent, type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchCannedAnswers } from './canned-answers.api';
import {
  insertCannedText,
  matchCannedAnswers,
  moveActive,
  type SlashQuery,
  slashQueryAt,
} from './canned-picker';
import { cannedOptionId, CannedPicker, type CannedPickerState } from './canned-picker.component';
import { postReply } from './conversations.api';
import {
  draftKey,
  lastMessageId,
  readDraft,
  replyErrorKey,
  type ReplyErrorKey,
  replyInFlightByOther,
  replyLength,
  writeDraft,
} from './reply-rules';
import { type OpenConversation } from './use-conversation.hook';

const typingIdleMs = 4000;

/**
 * The reply box: public reply or DM, X's own length count, a draft kept in localStorage (per user and
 * conversation) across reloads and reconnections, the API's stale-reply guard, and canned answers: `/` opens a
 * picker of the brand's answers filled in for this conversation (arrows, Enter, Esc).
 */
export function ReplyBox(params: {
  user: SessionUser;
  detail: ConversationDetail;
  conversation: OpenConversation;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const { user, detail, conversation, textareaRef } = params;
  const { t, i18n } = useTranslation();
  const key = draftKey(user.id, detail.id);
  const [draft, setDraft] = useState(() => readDraft(window.localStorage, key));
  const text = draft?.text ?? '';
  const mode: ReplyMode =
    draft?.mode ?? (detail.kind === 'direct_message' ? 'direct_message' : 'public_reply');
  const [isSending, setIsSending] = useState(false);
  const [error, setError] = useState<ReplyErrorKey | null>(null);
  const [sentMessageId, setSentMessageId] = useState<string | null>(null);
  const typingTimer = useRef<number | undefined>(undefined);
  const isTyping = useRef(false);
  const { setTyping } = conversation;
  const [slash, setSlash] = useState<SlashQuery | null>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const [cannedAnswers, setCannedAnswers] = useState<RenderedCannedAnswer[]>([]);
  const [pickerState, setPickerState] = useState<CannedPickerState>('loading');
  const pendingCaret = useRef<number | null>(null);
  const isPickerOpen = slash !== null;
  const pickerOptions = slash ? matchCannedAnswers(cannedAnswers, slash.query) : [];
  const activeOption = pickerOptions[Math.min(activeIndex, pickerOptions.length - 1)];
  const pickerId = `canned-${detail.id}`;

  const length = replyLength(text, mode);
  const inFlight = replyInFlightByOther(detail.messages, user.id);
  const canSend = length.isValid && !isSending && !inFlight;

  useEffect(() => {
    writeDraft(window.localStorage, key, { text, mode });
  }, [key, text, mode]);

  // Each time the picker opens, the answers are filled in again (the customer's name, the next opening).
  useEffect(() => {
    if (!isPickerOpen) return;
    let isCurrent = true;
    void fetchCannedAnswers({ conversationId: detail.id, locale: i18n.language }).then((result) => {
      if (!isCurrent) return;
      if (result.kind === 'ok') {
        setCannedAnswers(result.body.items);
        setPickerState('ready');
      } else setPickerState('failed');
    });
    return () => {
      isCurrent = false;
    };
  }, [isPickerOpen, detail.id, i18n.language]);

  // After an insertion, the caret goes after the inserted text.
  useEffect(() => {
    if (pendingCaret.current === null || !textareaRef.current) return;
    textareaRef.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  });

  // X refused the reply this box sent: its reason shows until the next send.
  const xReason = sentMessageId ? conversation.failureReasons[sentMessageId] : undefined;

  useEffect(
    () => () => {
      window.clearTimeout(typingTimer.current);
      if (isTyping.current) setTyping(false);
    },
    [setTyping],
  );

  function stopTyping() {
    window.clearTimeout(typingTimer.current);
    if (isTyping.current) {
      isTyping.current = false;
      setTyping(false);
    }
  }

  function followCaret(value: string, caret: number) {
    const next = slashQueryAt(value, caret);
    if (next?.query !== slash?.query || next?.start !== slash?.start) setActiveIndex(0);
    // Opening: the answers are read again (the effect below), "loading" until they arrive.
    if (next && !slash) setPickerState('loading');
    setSlash(next);
  }

  function pick(answer: RenderedCannedAnswer) {
    if (!slash) return;
    const inserted = insertCannedText(text, slash, answer.text);
    pendingCaret.current = inserted.caret;
    setSlash(null);
    handleChange(inserted.text);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      void handleSubmit(event);
      return;
    }
    if (isPickerOpen) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setActiveIndex((index) =>
          moveActive(
            Math.min(index, pickerOptions.length - 1),
            pickerOptions.length,
            event.key === 'ArrowDown' ? 1 : -1,
          ),
        );
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && activeOption) {
        event.preventDefault();
        pick(activeOption);
        return;
      }
      if (event.key === 'Escape') {
        // Closes the picker only; the `/query` stays as typed.
        event.preventDefault();
        setSlash(null);
        return;
      }
    }
    if (event.key === 'Escape') event.currentTarget.blur();
  }

  function handleChange(next: string) {
    setDraft({ text: next, mode });
    if (!isTyping.current) {
      isTyping.current = true;
      setTyping(true);
    }
    window.clearTimeout(typingTimer.current);
    typingTimer.current = window.setTimeout(stopTyping, typingIdleMs);
  }

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!canSend) return;
    setIsSending(true);
    setError(null);
    setSentMessageId(null);
    stopTyping();
    const result = await postReply(detail.id, {
      text,
      mode,
      idempotencyKey: crypto.randomUUID(),
      expectedLastMessageId: lastMessageId(detail.messages),
    });
    setIsSending(false);
    if (result.kind === 'ok') {
      conversation.addMessage(result.body.message);
      setSentMessageId(result.body.message.id);
      setDraft({ text: '', mode });
      return;
    }
    const errorKey = replyErrorKey(result.failure);
    setError(errorKey);
    // Someone wrote in the meantime: show the new content first; the draft stays for the agent to adapt.
    if (errorKey === 'conversation.reply.errors.conversationChanged') await conversation.reload();
  }

  const counterId = `reply-count-${detail.id}`;
  return (
    <form className="reply-box" onSubmit={(event) => void handleSubmit(event)} data-testid="reply-box">
      <div className="reply-box__modes" role="radiogroup" aria-label={t('conversation.reply.modeLabel')}>
        {(['public_reply', 'direct_message'] as const).map((option) => (
          <label key={option} className="reply-box__mode">
            <input
              type="radio"
              name={`reply-mode-${detail.id}`}
              value={option}
              checked={mode === option}
              onChange={() => setDraft({ text, mode: option })}
              data-testid={`reply-mode-${option}`}
            />
            {t(`conversation.reply.modes.${option}`)}
          </label>
        ))}
      </div>
      <label className="visually-hidden" htmlFor={`reply-${detail.id}`}>
        {t('conversation.reply.label')}
      </label>
      <textarea
        id={`reply-${detail.id}`}
        ref={textareaRef}
        className="field__input reply-box__text"
        rows={4}
        value={text}
        placeholder={t('conversation.reply.placeholder')}
        aria-describedby={counterId}
        aria-invalid={!length.isValid && text.length > 0}
        aria-autocomplete="list"
        aria-controls={isPickerOpen && pickerOptions.length > 0 ? pickerId : undefined}
        aria-activedescendant={
          isPickerOpen && activeOption ? cannedOptionId(pickerId, activeOption.id) : undefined
        }
        onChange={(event) => {
          handleChange(event.target.value);
          followCaret(event.target.value, event.target.selectionStart);
        }}
        onSelect={(event) => followCaret(event.currentTarget.value, event.currentTarget.selectionStart)}
        onBlur={() => {
          stopTyping();
          setSlash(null);
        }}
        onKeyDown={handleKeyDown}
        data-testid="reply-text"
      />
      {isPickerOpen ? (
        <CannedPicker
          id={pickerId}
          options={pickerOptions}
          activeIndex={Math.min(activeIndex, pickerOptions.length - 1)}
          state={pickerState}
          onPick={pick}
          onHover={setActiveIndex}
        />
      ) : null}
      {inFlight ? (
        <p className="notice notice--info" role="status" data-testid="reply-in-flight">
          {t('conversation.reply.inFlightByOther')}
        </p>
      ) : null}
      {error ? (
        <p className="notice notice--error" role="alert" data-testid="reply-error">
          {t(error)}
        </p>
      ) : null}
      {xReason ? (
        <p className="notice notice--error" role="alert" data-testid="reply-refused">
          {t('conversation.reply.refusedByX', { reason: xReason })}
        </p>
      ) : null}
      <div className="reply-box__footer">
        <span
          id={counterId}
          className={`reply-box__count${length.used > length.max ? ' reply-box__count--over' : ''}`}
          data-testid="reply-count"
        >
          {t('conversation.reply.count', { used: length.used, max: length.max })}
        </span>
        <button type="submit" className="button button--primary" disabled={!canSend} data-testid="reply-send">
          {isSending ? t('conversation.reply.sending') : t(`conversation.reply.send.${mode}`)}
        </button>
      </div>
    </form>
  );
}
