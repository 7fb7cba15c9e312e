import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type RequestFailure } from '../../shared/http';
import { describeFailure } from './request-failure';
import { type ResourceState } from './use-api-resource.hook';

type FieldProps = {
  id: string;
  label: string;
  /** A problem to fix, shown under the field and announced with it (`aria-describedby`). */
  error?: string | null;
  hint?: string;
  testId?: string;
};

function describedBy(
  id: string,
  error: string | null | undefined,
  hint: string | undefined,
): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** What every control of a field carries: invalid when there is a problem, described by its hint and problem. */
function controlAria({ id, error, hint }: FieldProps) {
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, error, hint),
  } as const;
}

/** A label, the control, then its hint and its problem (announced with the control). */
function FieldFrame({
  id,
  label,
  error,
  hint,
  className,
  children,
}: FieldProps & { className?: string; children: ReactNode }) {
  return (
    <div className={`field admin-field ${className ?? ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint ? (
        <span id={`${id}-hint`} className="admin-field__hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="admin-field__error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function TextField({
  value,
  onChange,
  type = 'text',
  autoComplete = 'off',
  isRequired = false,
  inputMode,
  className,
  ...field
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'number' | 'time' | 'date' | 'url';
  autoComplete?: string;
  isRequired?: boolean;
  inputMode?: 'numeric' | 'decimal' | 'text';
  className?: string;
}) {
  return (
    <FieldFrame {...field} className={className}>
      <input
        id={field.id}
        className="field__input"
        type={type}
        value={value}
        autoComplete={autoComplete}
        inputMode={inputMode}
        required={isRequired}
        {...controlAria(field)}
        data-testid={field.testId}
        onChange={(event) => onChange(event.target.value)}
      />
    </FieldFrame>
  );
}

export function TextAreaField({
  value,
  onChange,
  rows = 4,
  ...field
}: FieldProps & { value: string; onChange: (value: string) => void; rows?: number }) {
  return (
    <FieldFrame {...field}>
      <textarea
        id={field.id}
        className="field__input admin-field__textarea"
        rows={rows}
        value={value}
        {...controlAria(field)}
        data-testid={field.testId}
        onChange={(event) => onChange(event.target.value)}
      />
    </FieldFrame>
  );
}

export function SelectField({
  value,
  onChange,
  options,
  ...field
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <FieldFrame {...field}>
      <select
        id={field.id}
        className="field__input"
        value={value}
        {...controlAria(field)}
        data-testid={field.testId}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField({
  id,
  label,
  checked,
  onChange,
  testId,
  hint,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId?: string;
  hint?: string;
}) {
  return (
    <div className="admin-checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        data-testid={testId}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={`${id}-hint`} className="admin-field__hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** A group of checkboxes for a list value (roles' teams, policy conditions), with a legend. */
export function CheckboxGroup({
  idPrefix,
  legend,
  options,
  selected,
  onChange,
  error,
}: {
  idPrefix: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  error?: string | null;
}) {
  const toggle = (value: string, isChecked: boolean) =>
    onChange(
      isChecked
        ? options.map((option) => option.value).filter((item) => item === value || selected.includes(item))
        : selected.filter((item) => item !== value),
    );
  return (
    <fieldset
      className="admin-fieldset"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${idPrefix}-error` : undefined}
    >
      <legend className="field__label">{legend}</legend>
      <div className="admin-fieldset__options">
        {options.map((option) => (
          <CheckboxField
            key={option.value}
            id={`${idPrefix}-${option.value}`}
            label={option.label}
            checked={selected.includes(option.value)}
            onChange={(isChecked) => toggle(option.value, isChecked)}
          />
        ))}
      </div>
      {error ? (
        <span id={`${idPrefix}-error`} className="admin-field__error">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}

/** A refused or failed request: a lead in the interface's language, then the API's own words. */
export function RequestError({ failure, testId }: { failure: RequestFailure | null; testId?: string }) {
  const { t } = useTranslation();
  if (!failure) return null;
  const text = describeFailure(failure);
  return (
    <p className="notice notice--error admin-notice" role="alert" data-testid={testId ?? 'admin-error'}>
      <strong>{t(`admin.errors.${text.key}`)}</strong>
      {text.apiMessage ? <span className="admin-notice__detail"> {text.apiMessage}</span> : null}
    </p>
  );
}

/**
 * The end of a form: the last refusal, the submit button (disabled while sending) and an optional cancel.
 */
export function SubmitRow({
  label,
  isSending,
  failure,
  testId,
  onCancel,
  isSmall = false,
}: {
  label: string;
  isSending: boolean;
  failure: RequestFailure | null;
  testId?: string;
  onCancel?: () => void;
  isSmall?: boolean;
}) {
  const { t } = useTranslation();
  const size = isSmall ? ' button--small' : '';
  return (
    <>
      <RequestError failure={failure} />
      <div className="admin-form__actions">
        <button
          type="submit"
          className={`button button--primary${size}`}
          disabled={isSending}
          data-testid={testId}
        >
          {label}
        </button>
        {onCancel ? (
          <button type="button" className={`button button--secondary${size}`} onClick={onCancel}>
            {t('admin.actions.cancel')}
          </button>
        ) : null}
      </div>
    </>
  );
}

/** "New …" above a list, which opens its editor. */
export function NewItemButton({
  label,
  onClick,
  testId,
}: {
  label: string;
  onClick: () => void;
  testId: string;
}) {
  return (
    <div className="admin-form__actions">
      <button type="button" className="button button--primary" onClick={onClick} data-testid={testId}>
        {label}
      </button>
    </div>
  );
}

/** Local validation problems before sending: one line per problem. */
export function FormProblems({ problems }: { problems: string[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <div className="notice notice--error admin-notice" role="alert" data-testid="admin-form-problems">
      <strong>{t('admin.errors.fixFields')}</strong>
      <ul className="admin-notice__list">
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}

/** "Saved." after a successful request, announced politely. */
export function SavedNotice({ message }: { message: string | null }) {
  return (
    <p className="admin-saved" role="status" data-testid="admin-saved">
      {message ?? ''}
    </p>
  );
}

/** Loading and failure states of a read, then the content. */
export function ResourceView<T>({
  state,
  children,
}: {
  state: ResourceState<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (state.status === 'loading')
    return (
      <p className="admin-muted" role="status">
        {t('admin.loading')}
      </p>
    );
  if (state.status === 'failed') return <RequestError failure={state.failure} />;
  return <>{children(state.data)}</>;
}
