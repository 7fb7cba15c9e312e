import {
  type ContactIdentityView,
  type CustomerPicture,
  type LinkProposalView,
  type SessionUser,
} from '@vigie/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './confirm-dialog.component';
import { CrmActionNotice } from './crm-action-notice.component';
import {
  canChangeLinks,
  linkableChannels,
  linkDraftProblem,
  maxLinkValueLength,
  unlinkOutcome,
  type LinkableChannel,
  type LinkDraftProblem,
} from './customer-links';
import { identityLabel } from './customer-panel';
import {
  acceptLinkProposal,
  deleteContactIdentity,
  postContactIdentity,
  rejectLinkProposal,
} from './customers.api';
import { PanelButton } from './panel-button.component';
import { useCrmAction } from './use-crm-action.hook';

const proposalDecisions = ['accept', 'reject'] as const;
type ProposalDecision = (typeof proposalDecisions)[number];

/**
 * The customer's identities (X accounts, e-mails, phones, CRM ids) with "unlink" (confirmed first), the e-mails
 * and phones the customer wrote in a DM waiting for a decision, and a form to link one by hand.
 */
export function CustomerIdentities(params: {
  picture: CustomerPicture;
  user: SessionUser;
  onChanged: () => void;
}) {
  const { picture, user, onChanged } = params;
  const { t } = useTranslation();
  const action = useCrmAction(onChanged);
  const [unlinking, setUnlinking] = useState<ContactIdentityView | null>(null);
  const isEditable = canChangeLinks(user.role);

  function unlink(identity: ContactIdentityView) {
    const label = identityLabel(identity);
    void action.run(
      () => deleteContactIdentity(identity.id),
      () => t('customer.identities.unlinked', { identity: label }),
    );
  }

  function decide(proposal: LinkProposalView, decision: ProposalDecision) {
    const { value } = proposal;
    void action.run<unknown>(
      () => (decision === 'accept' ? acceptLinkProposal(proposal.id) : rejectLinkProposal(proposal.id)),
      () => t(`customer.proposals.${decision === 'accept' ? 'accepted' : 'rejected'}`, { value }),
    );
  }

  return (
    <section className="customer-panel__section" aria-labelledby="customer-identities">
      <h3 id="customer-identities">{t('customer.identities.heading')}</h3>
      <ul className="customer-panel__list" data-testid="customer-identities">
        {picture.identities.map((identity) => (
          <li key={identity.id} className="customer-panel__row" data-testid="customer-identity">
            <span>
              <span className="customer-panel__channel">
                {t(`customer.identities.channel.${identity.channel}`)}
              </span>{' '}
              {identityLabel(identity)}
              {identity.isVerified ? ` · ${t('customer.identities.verified')}` : ''}
              {identity.followersCount !== null
                ? ` · ${t('customer.identities.followers', { count: identity.followersCount })}`
                : ''}
            </span>
            {isEditable ? (
              <PanelButton
                label={t('customer.identities.unlink')}
                accessibleLabel={t('customer.identities.unlinkLabel', { identity: identityLabel(identity) })}
                isDisabled={action.isBusy}
                onClick={() => setUnlinking(identity)}
                testId="identity-unlink"
              />
            ) : null}
          </li>
        ))}
      </ul>

      {picture.linkProposals.length > 0 ? (
        <div className="customer-panel__subsection" data-testid="customer-proposals">
          <h4 id="customer-proposals" className="customer-panel__subheading">
            {t('customer.proposals.heading')}
          </h4>
          <p className="customer-panel__muted">{t('customer.proposals.help')}</p>
          <ul className="customer-panel__list" aria-labelledby="customer-proposals">
            {picture.linkProposals.map((proposal) => (
              <li key={proposal.id} className="customer-panel__row" data-testid="customer-proposal">
                <span>
                  <span className="customer-panel__channel">
                    {t(`customer.identities.channel.${proposal.channel}`)}
                  </span>{' '}
                  {/* Written by the customer: hostile text, a text node only. */}
                  {proposal.value}
                </span>
                {isEditable ? (
                  <span className="customer-panel__row-actions">
                    {proposalDecisions.map((decision) => (
                      <PanelButton
                        key={decision}
                        label={t(`customer.proposals.${decision}`)}
                        accessibleLabel={t(`customer.proposals.${decision}Label`, { value: proposal.value })}
                        isDisabled={action.isBusy}
                        onClick={() => decide(proposal, decision)}
                        testId={`proposal-${decision}`}
                      />
                    ))}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {isEditable ? (
        <LinkIdentityForm contactId={picture.id} isBusy={action.isBusy} run={action.run} />
      ) : null}
      <CrmActionNotice outcome={action.outcome} testId="identities" />

      {unlinking ? (
        <ConfirmDialog
          title={t('customer.identities.confirmTitle', { identity: identityLabel(unlinking) })}
          confirmLabel={t('customer.identities.unlink')}
          onDone={(isConfirmed) => {
            const identity = unlinking;
            setUnlinking(null);
            if (isConfirmed) unlink(identity);
          }}
          testId="unlink-dialog"
        >
          <p>{t(`customer.identities.outcome.${unlinkOutcome(unlinking)}`)}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function LinkIdentityForm(params: {
  contactId: string;
  isBusy: boolean;
  run: ReturnType<typeof useCrmAction>['run'];
}) {
  const { contactId, isBusy, run } = params;
  const { t } = useTranslation();
  const [channel, setChannel] = useState<LinkableChannel>('email');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<LinkDraftProblem | null>(null);
  const channelId = `link-channel-${contactId}`;
  const valueId = `link-value-${contactId}`;
  const problemId = `link-problem-${contactId}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = linkDraftProblem(channel, value);
    setProblem(found);
    if (found) return;
    const trimmed = value.trim();
    const isDone = await run(
      () => postContactIdentity({ contactId, channel, value: trimmed }),
      (identity) => t('customer.link.linked', { identity: identityLabel(identity) }),
    );
    if (isDone) setValue('');
  }

  return (
    <form
      className="customer-panel__link-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby={`link-heading-${contactId}`}
      data-testid="link-form"
    >
      <h4 id={`link-heading-${contactId}`} className="customer-panel__subheading">
        {t('customer.link.heading')}
      </h4>
      <div className="customer-panel__link-fields">
        <label className="visually-hidden" htmlFor={channelId}>
          {t('customer.link.channel')}
        </label>
        <select
          id={channelId}
          className="field__input customer-panel__link-channel"
          value={channel}
          onChange={(event) => {
            setChannel(event.target.value as LinkableChannel);
            setProblem(null);
          }}
          data-testid="link-channel"
        >
          {linkableChannels.map((option) => (
            <option key={option} value={option}>
              {t(`customer.identities.channel.${option}`)}
            </option>
          ))}
        </select>
        <label className="visually-hidden" htmlFor={valueId}>
          {t(`customer.link.valueLabel.${channel}`)}
        </label>
        <input
          id={valueId}
          className="field__input"
          type={channel === 'email' ? 'email' : channel === 'phone' ? 'tel' : 'text'}
          autoComplete="off"
          maxLength={maxLinkValueLength}
          placeholder={t(`customer.link.placeholder.${channel}`)}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={problem !== null}
          aria-describedby={problem ? problemId : undefined}
          data-testid="link-value"
        />
      </div>
      {problem ? (
        <p id={problemId} className="notice notice--error customer-panel__error" role="alert">
          {t(`customer.link.problems.${problem}`)}
        </p>
      ) : null}
      <PanelButton type="submit" label={t('customer.link.submit')} isDisabled={isBusy} testId="link-submit" />
    </form>
  );
}
