import { type BrandSummary, type ChannelAccountSummary, ingestionModes } from '@vigie/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminPageHeader } from '../admin-page-header.component';
import {
  RequestError,
  ResourceView,
  SavedNotice,
  SelectField,
  SubmitRow,
  TextField,
} from '../shared/form-fields.component';
import { useApiResource } from '../shared/use-api-resource.hook';
import { useSubmission } from '../shared/use-submission.hook';
import {
  type ConnectDraft,
  type ConnectField,
  type ConnectProblem,
  emptyConnectDraft,
  isIngestionMode,
  parseConnectDraft,
  parseNewBrand,
  type BrandProblem,
} from './brand-form';
import {
  connectXAccount,
  createBrand,
  fetchBrands,
  fetchChannelAccounts,
  setAccountConnected,
} from './brands.api';

/** Brands and their X accounts: connect one, see its status and last error, reconnect or disconnect it. */
export function BrandsPage() {
  const { t } = useTranslation();
  const brands = useApiResource('brands', fetchBrands);
  const accounts = useApiResource('channel-accounts', fetchChannelAccounts);
  const [savedMessage, setSavedMessage] = useState<string | null>(null);
  const accountList = accounts.state.status === 'ready' ? accounts.state.data : [];

  return (
    <>
      <AdminPageHeader title={t('admin.brands.title')} intro={t('admin.brands.intro')} />
      <SavedNotice message={savedMessage} />
      <ResourceView state={brands.state}>
        {(list) => (
          <>
            {list.map((brand) => (
              <BrandCard
                key={brand.id}
                brand={brand}
                accounts={accountList.filter((account) => account.brandId === brand.id)}
                onAccountChanged={(message) => {
                  setSavedMessage(message);
                  accounts.reload();
                }}
              />
            ))}
            <NewBrandForm
              existingNames={list.map((brand) => brand.name)}
              onCreated={(brand) => {
                setSavedMessage(t('admin.brands.created', { name: brand.name }));
                brands.reload();
              }}
            />
          </>
        )}
      </ResourceView>
      {accounts.state.status === 'failed' ? <RequestError failure={accounts.state.failure} /> : null}
    </>
  );
}

function BrandCard({
  brand,
  accounts,
  onAccountChanged,
}: {
  brand: BrandSummary;
  accounts: ChannelAccountSummary[];
  onAccountChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [isConnecting, setIsConnecting] = useState(false);
  const headingId = `brand-${brand.id}-heading`;
  return (
    <section
      className="admin-section admin-card"
      aria-labelledby={headingId}
      data-testid="brand-card"
      data-brand={brand.name}
    >
      <div className="admin-section__header">
        <h2 id={headingId}>{brand.name}</h2>
        <span className="badge">
          {t('admin.brands.defaultLanguageIs', { language: brand.defaultLanguage })}
        </span>
      </div>
      {accounts.length === 0 ? (
        <p className="admin-muted">{t('admin.brands.noAccounts')}</p>
      ) : (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <caption className="visually-hidden">
              {t('admin.brands.accountsOf', { name: brand.name })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.brands.account')}</th>
                <th scope="col">{t('admin.brands.mode')}</th>
                <th scope="col">{t('admin.brands.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.actions.label')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <AccountRow key={account.id} account={account} onChanged={onAccountChanged} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {isConnecting ? (
        <ConnectAccountForm
          brand={brand}
          onConnected={(account) => {
            setIsConnecting(false);
            onAccountChanged(t('admin.brands.connected', { handle: account.handle }));
          }}
          onCancel={() => setIsConnecting(false)}
        />
      ) : (
        <div className="admin-form__actions">
          <button type="button" className="button button--secondary" onClick={() => setIsConnecting(true)}>
            {t('admin.brands.connectX')}
          </button>
        </div>
      )}
    </section>
  );
}

function AccountRow({
  account,
  onChanged,
}: {
  account: ChannelAccountSummary;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { isSending, failure, submit } = useSubmission();
  const isConnected = account.status === 'connected';
  const toggle = () =>
    void submit(
      () => setAccountConnected({ accountId: account.id, isConnected: !isConnected }),
      (updated) =>
        onChanged(
          t(updated.status === 'connected' ? 'admin.brands.reconnected' : 'admin.brands.disconnected', {
            handle: updated.handle,
          }),
        ),
    );
  return (
    <tr data-testid="account-row" data-handle={account.handle}>
      <th scope="row">
        <span className="admin-table__primary">@{account.handle}</span>
        <span className="admin-table__secondary">{account.displayName}</span>
      </th>
      <td>
        {t(`admin.brands.modes.${account.mode}`)}
        {account.mode === 'webhook' ? (
          <span className="admin-table__secondary">
            {t('admin.brands.webhookPath')} <code>{account.webhookPath}</code>
          </span>
        ) : null}
      </td>
      <td>
        <span className={`badge badge--${account.status}`} data-testid="account-status">
          {t(`admin.brands.statuses.${account.status}`)}
        </span>
        {account.lastError ? <span className="admin-table__secondary">{account.lastError}</span> : null}
      </td>
      <td>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={isSending}
          onClick={toggle}
          data-testid={isConnected ? 'account-disconnect' : 'account-reconnect'}
          aria-label={t(isConnected ? 'admin.brands.disconnectLabel' : 'admin.brands.reconnectLabel', {
            handle: account.handle,
          })}
        >
          {t(isConnected ? 'admin.brands.disconnect' : 'admin.brands.reconnect')}
        </button>
        <RequestError failure={failure} />
      </td>
    </tr>
  );
}

const connectFields: readonly { field: ConnectField; type: 'text' | 'password' | 'url' }[] = [
  { field: 'accessToken', type: 'password' },
  { field: 'accessSecret', type: 'password' },
  { field: 'consumerKey', type: 'password' },
  { field: 'consumerSecret', type: 'password' },
  { field: 'appBearerToken', type: 'password' },
  { field: 'apiBaseUrl', type: 'url' },
];

function ConnectAccountForm({
  brand,
  onConnected,
  onCancel,
}: {
  brand: BrandSummary;
  onConnected: (account: ChannelAccountSummary) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ConnectDraft>(emptyConnectDraft);
  const [problems, setProblems] = useState<Partial<Record<ConnectField, ConnectProblem>>>({});
  const { isSending, failure, submit } = useSubmission();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseConnectDraft(draft, brand.id);
    setProblems(parsed.kind === 'invalid' ? parsed.problems : {});
    if (parsed.kind === 'ok') void submit(() => connectXAccount(parsed.request), onConnected);
  };
  const idPrefix = `connect-${brand.id}`;
  return (
    <form className="admin-form admin-subform" noValidate onSubmit={onSubmit} data-testid="connect-form">
      <h3 className="admin-card__title">{t('admin.brands.connectTitle', { name: brand.name })}</h3>
      <p className="admin-muted">{t('admin.brands.connectIntro')}</p>
      <SelectField
        id={`${idPrefix}-mode`}
        label={t('admin.brands.mode')}
        value={draft.mode}
        onChange={(value) =>
          setDraft((current) => ({ ...current, mode: isIngestionMode(value) ? value : 'stream' }))
        }
        options={ingestionModes.map((mode) => ({ value: mode, label: t(`admin.brands.modes.${mode}`) }))}
        hint={t(`admin.brands.modeHints.${draft.mode}`)}
      />
      <div className="admin-form__grid">
        {connectFields.map(({ field, type }) => (
          <TextField
            key={field}
            id={`${idPrefix}-${field}`}
            label={t(`admin.brands.credentials.${field}`)}
            type={type}
            autoComplete="off"
            value={draft[field]}
            onChange={(value) => setDraft((current) => ({ ...current, [field]: value }))}
            error={problems[field] ? t(`admin.brands.connectProblems.${problems[field]}`) : null}
          />
        ))}
      </div>
      <SubmitRow
        label={t('admin.brands.connect')}
        isSending={isSending}
        failure={failure}
        onCancel={onCancel}
      />
    </form>
  );
}

function NewBrandForm({
  existingNames,
  onCreated,
}: {
  existingNames: string[];
  onCreated: (brand: BrandSummary) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ name: '', defaultLanguage: 'fr' });
  const [problems, setProblems] = useState<Partial<Record<'name' | 'defaultLanguage', BrandProblem>>>({});
  const { isSending, failure, submit } = useSubmission();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseNewBrand(draft, existingNames);
    setProblems(parsed.kind === 'invalid' ? parsed.problems : {});
    if (parsed.kind === 'ok')
      void submit(
        () => createBrand(parsed.request),
        (brand) => {
          setDraft({ name: '', defaultLanguage: 'fr' });
          onCreated(brand);
        },
      );
  };
  const problemText = (field: 'name' | 'defaultLanguage') =>
    problems[field] ? t(`admin.validation.${problems[field]}`) : null;
  return (
    <form className="admin-card admin-form" noValidate onSubmit={onSubmit} data-testid="brand-create-form">
      <h2 className="admin-card__title">{t('admin.brands.createTitle')}</h2>
      <div className="admin-form__grid">
        <TextField
          id="new-brand-name"
          label={t('admin.brands.name')}
          value={draft.name}
          onChange={(value) => setDraft((current) => ({ ...current, name: value }))}
          error={problemText('name')}
          isRequired
        />
        <TextField
          id="new-brand-language"
          label={t('admin.brands.defaultLanguage')}
          value={draft.defaultLanguage}
          onChange={(value) => setDraft((current) => ({ ...current, defaultLanguage: value }))}
          error={problemText('defaultLanguage')}
          hint={t('admin.brands.defaultLanguageHint')}
          isRequired
        />
      </div>
      <SubmitRow label={t('admin.brands.create')} isSending={isSending} failure={failure} />
    </form>
  );
}
