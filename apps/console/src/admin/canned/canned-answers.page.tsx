import {
  type BrandSummary,
  type CannedAnswerVariable,
  cannedAnswerVariables,
  type CannedAnswerView,
} from '@vigie/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminPageHeader } from '../admin-page-header.component';
import { BrandSelect, useBrandSelection } from '../shared/brand-picker.component';
import {
  CheckboxField,
  NewItemButton,
  RequestError,
  ResourceView,
  SavedNotice,
  SelectField,
  SubmitRow,
  TextAreaField,
  TextField,
} from '../shared/form-fields.component';
import { useApiResource } from '../shared/use-api-resource.hook';
import { useEditing } from '../shared/use-editing.hook';
import { useSubmission } from '../shared/use-submission.hook';
import {
  createCannedAnswer,
  deleteCannedAnswer,
  fetchBrandCannedAnswers,
  restoreCannedAnswer,
  updateCannedAnswer,
} from './canned-answers.api';
import {
  type CannedAnswerDraft,
  type CannedField,
  type CannedProblem,
  cannedDraftOf,
  exampleRendering,
  parseCannedDraft,
} from './canned-answer-form';

type Editing = { kind: 'new' } | { kind: 'edit'; answer: CannedAnswerView };

/** A brand's canned answers per language: write, edit, delete and restore them; variables and an example. */
export function CannedAnswersPage() {
  const { t } = useTranslation();
  const selection = useBrandSelection();
  const { brand } = selection;
  const answers = useApiResource(brand ? `canned:${brand.id}` : null, () =>
    fetchBrandCannedAnswers(brand?.id ?? ''),
  );
  const { editing, savedMessage, open, finish, cancel } = useEditing<Editing>();
  const [language, setLanguage] = useState('all');
  const [query, setQuery] = useState('');
  const [isShowingDeleted, setIsShowingDeleted] = useState(false);
  const done = (message: string) => {
    finish(message);
    answers.reload();
  };

  return (
    <>
      <AdminPageHeader title={t('admin.canned.title')} intro={t('admin.canned.intro')} />
      <div className="admin-picker">
        <BrandSelect selection={selection} />
        <SelectField
          id="canned-language-filter"
          label={t('admin.canned.languageFilter')}
          value={language}
          onChange={setLanguage}
          options={[
            { value: 'all', label: t('admin.canned.allLanguages') },
            { value: 'fr', label: t('admin.languages.fr') },
            { value: 'en', label: t('admin.languages.en') },
          ]}
        />
        <TextField id="canned-search" label={t('admin.canned.search')} value={query} onChange={setQuery} />
        <CheckboxField
          id="canned-show-deleted"
          label={t('admin.canned.showDeleted')}
          checked={isShowingDeleted}
          onChange={setIsShowingDeleted}
        />
      </div>
      <SavedNotice message={savedMessage} />
      {brand ? (
        <ResourceView state={answers.state}>
          {({ items }) => {
            const words = query.trim().toLowerCase();
            const shown = items.filter(
              (answer) =>
                (isShowingDeleted || answer.deletedAt === null) &&
                (language === 'all' || answer.language === language) &&
                (words === '' ||
                  `${answer.title} ${answer.shortcut ?? ''} ${answer.body}`.toLowerCase().includes(words)),
            );
            return (
              <>
                {editing === null ? (
                  <NewItemButton
                    label={t('admin.canned.new')}
                    onClick={() => open({ kind: 'new' })}
                    testId="canned-new"
                  />
                ) : (
                  <CannedAnswerEditor
                    key={editing.kind === 'new' ? 'new' : editing.answer.id}
                    brand={brand}
                    answer={editing.kind === 'edit' ? editing.answer : null}
                    others={items.filter((item) => editing.kind === 'new' || item.id !== editing.answer.id)}
                    onSaved={(saved) => {
                      // Shown at once; the list is read again behind it.
                      answers.replace({ items: [saved, ...items.filter((item) => item.id !== saved.id)] });
                      done(t('admin.canned.saved', { title: saved.title }));
                    }}
                    onCancel={cancel}
                  />
                )}
                {shown.length === 0 ? (
                  <p className="admin-muted">{t('admin.canned.none')}</p>
                ) : (
                  <ul className="canned-list" data-testid="canned-list">
                    {shown.map((answer) => (
                      <CannedAnswerItem
                        key={answer.id}
                        answer={answer}
                        onEdit={() => open({ kind: 'edit', answer })}
                        onChanged={done}
                      />
                    ))}
                  </ul>
                )}
              </>
            );
          }}
        </ResourceView>
      ) : null}
    </>
  );
}

function CannedAnswerItem({
  answer,
  onEdit,
  onChanged,
}: {
  answer: CannedAnswerView;
  onEdit: () => void;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { isSending, failure, submit } = useSubmission();
  const isDeleted = answer.deletedAt !== null;
  const headingId = `canned-${answer.id}-title`;
  return (
    <li
      className={`admin-card canned-item ${isDeleted ? 'canned-item--deleted' : ''}`}
      data-testid="canned-item"
      data-title={answer.title}
    >
      <div className="admin-section__header">
        <h2 id={headingId} className="canned-item__title">
          {answer.title}
        </h2>
        <span className="badge">{t(`admin.languages.${answer.language === 'en' ? 'en' : 'fr'}`)}</span>
        {answer.shortcut ? <code className="canned-item__shortcut">/{answer.shortcut}</code> : null}
        {isDeleted ? <span className="badge badge--off">{t('admin.canned.deleted')}</span> : null}
      </div>
      <p className="canned-item__body" data-testid="canned-body">
        {answer.body}
      </p>
      <div className="admin-form__actions">
        {isDeleted ? (
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={isSending}
            onClick={() =>
              void submit(
                () => restoreCannedAnswer(answer.id),
                () => onChanged(t('admin.canned.restored', { title: answer.title })),
              )
            }
          >
            {t('admin.canned.restore')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={onEdit}
              aria-label={t('admin.canned.editLabel', { title: answer.title })}
              data-testid="canned-edit"
            >
              {t('admin.actions.edit')}
            </button>
            <button
              type="button"
              className="button button--quiet button--small"
              disabled={isSending}
              aria-label={t('admin.canned.deleteLabel', { title: answer.title })}
              onClick={() =>
                void submit(
                  () => deleteCannedAnswer(answer.id),
                  () => onChanged(t('admin.canned.deletedMessage', { title: answer.title })),
                )
              }
            >
              {t('admin.actions.delete')}
            </button>
          </>
        )}
      </div>
      <RequestError failure={failure} />
    </li>
  );
}

function CannedAnswerEditor({
  brand,
  answer,
  others,
  onSaved,
  onCancel,
}: {
  brand: BrandSummary;
  answer: CannedAnswerView | null;
  others: CannedAnswerView[];
  onSaved: (answer: CannedAnswerView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<CannedAnswerDraft>(() =>
    answer ? cannedDraftOf(answer) : { language: brand.defaultLanguage, title: '', shortcut: '', body: '' },
  );
  const [problems, setProblems] = useState<Partial<Record<CannedField, CannedProblem>>>({});
  const { isSending, failure, submit } = useSubmission();
  const change = (field: keyof CannedAnswerDraft, value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const problemText = (field: CannedField) => {
    const problem = problems[field];
    if (!problem) return null;
    return problem.code === 'unknownVariables'
      ? t('admin.canned.problems.unknownVariables', { names: problem.names.join(', ') })
      : t(`admin.canned.problems.${problem.code}`);
  };
  const examples: Record<CannedAnswerVariable, string> = {
    'customer.name': t('admin.canned.example.customerName'),
    'customer.handle': t('admin.canned.example.customerHandle'),
    'agent.name': t('admin.canned.example.agentName'),
    'brand.name': brand.name,
    next_opening: t('admin.canned.example.nextOpening'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseCannedDraft({ draft, brandId: brand.id, others });
    setProblems(parsed.kind === 'invalid' ? parsed.problems : {});
    if (parsed.kind === 'invalid') return;
    const { brandId: _brandId, ...changes } = parsed.request;
    void submit(
      () => (answer ? updateCannedAnswer(answer.id, changes) : createCannedAnswer(parsed.request)),
      onSaved,
    );
  };

  const title = answer ? t('admin.canned.editTitle', { title: answer.title }) : t('admin.canned.createTitle');
  return (
    <form
      className="admin-card admin-form"
      noValidate
      onSubmit={onSubmit}
      aria-label={title}
      data-testid="canned-form"
    >
      <h2 className="admin-card__title">{title}</h2>
      <div className="admin-form__grid">
        <SelectField
          id="canned-language"
          label={t('admin.canned.language')}
          value={draft.language}
          onChange={(value) => change('language', value)}
          options={[
            { value: 'fr', label: t('admin.languages.fr') },
            { value: 'en', label: t('admin.languages.en') },
          ]}
          error={problemText('language')}
        />
        <TextField
          id="canned-title"
          label={t('admin.canned.titleLabel')}
          value={draft.title}
          onChange={(value) => change('title', value)}
          error={problemText('title')}
          testId="canned-title"
          isRequired
        />
        <TextField
          id="canned-shortcut"
          label={t('admin.canned.shortcut')}
          value={draft.shortcut}
          onChange={(value) => change('shortcut', value)}
          error={problemText('shortcut')}
          hint={t('admin.canned.shortcutHint')}
          testId="canned-shortcut"
        />
      </div>
      <TextAreaField
        id="canned-body"
        label={t('admin.canned.body')}
        value={draft.body}
        onChange={(value) => change('body', value)}
        error={problemText('body')}
        hint={t('admin.canned.bodyHint')}
        testId="canned-body-input"
        rows={5}
      />
      <div className="canned-variables" role="group" aria-label={t('admin.canned.variables')}>
        <span className="field__label">{t('admin.canned.variables')}</span>
        {cannedAnswerVariables.map((variable) => (
          <button
            key={variable}
            type="button"
            className="button button--secondary button--small"
            onClick={() =>
              change(
                'body',
                `${draft.body}${draft.body === '' || draft.body.endsWith(' ') ? '' : ' '}{{${variable}}}`,
              )
            }
            aria-label={t('admin.canned.insertVariable', { variable })}
          >
            {`{{${variable}}}`}
          </button>
        ))}
      </div>
      <div className="canned-example">
        <span className="field__label">{t('admin.canned.example.title')}</span>
        <p className="canned-example__text" data-testid="canned-example">
          {exampleRendering(draft.body, examples)}
        </p>
      </div>
      <SubmitRow
        label={t('admin.actions.save')}
        isSending={isSending}
        failure={failure}
        testId="canned-save"
        onCancel={onCancel}
      />
    </form>
  );
}
