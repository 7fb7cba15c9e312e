import { type SlaPolicyView } from '@vigie/contracts';
import { useTranslation } from 'react-i18next';
import { type BrandSelection, BrandSelect, useBrandSelection } from '../shared/brand-picker.component';
import { RequestError, SelectField } from '../shared/form-fields.component';
import { type ResourceState, useApiResource } from '../shared/use-api-resource.hook';
import { fetchSlaPolicies } from './sla-policies.api';
import { withSavedPolicy } from './sla-policy-body';

export type PolicySelection = BrandSelection & {
  policies: ResourceState<SlaPolicyView[]>;
  policy: SlaPolicyView | null;
  selectPolicy: (name: string) => void;
  reloadPolicies: () => void;
  /** Shows a policy the API just saved at once, selected, then reads the list again. */
  showSavedPolicy: (saved: SlaPolicyView) => void;
};

/**
 * The brand and the SLA policy a page works on, kept in the URL (`?brand=&policy=`) so a reload or a link keeps
 * them; the first brand and its first policy (in matching order) until one is chosen.
 */
export function usePolicySelection(): PolicySelection {
  const brandSelection = useBrandSelection();
  const brandId = brandSelection.brand?.id ?? null;
  const policies = useApiResource(brandId, () => fetchSlaPolicies(brandId ?? ''));
  const policyList = policies.state.status === 'ready' ? policies.state.data : [];
  const policy =
    policyList.find((item) => item.name === brandSelection.params.get('policy')) ?? policyList[0] ?? null;
  const showSavedPolicy = (saved: SlaPolicyView) => {
    policies.replace(withSavedPolicy(policyList, saved));
    brandSelection.setParams({ policy: saved.name });
    policies.reload();
  };
  return {
    ...brandSelection,
    showSavedPolicy,
    selectBrand: (id) => brandSelection.setParams({ brand: id, policy: null }),
    policies: policies.state,
    policy,
    selectPolicy: (name) => brandSelection.setParams({ policy: name }),
    reloadPolicies: policies.reload,
  };
}

/** The brand select, and the policy select unless the page lists every policy itself. */
export function PolicyPicker({
  selection,
  hasPolicySelect = true,
}: {
  selection: PolicySelection;
  hasPolicySelect?: boolean;
}) {
  const { t } = useTranslation();
  const { policies, policy } = selection;
  return (
    <div className="admin-picker">
      <BrandSelect selection={selection} />
      {hasPolicySelect && policies.status === 'ready' ? (
        <SelectField
          id="picker-policy"
          label={t('admin.picker.policy')}
          value={policy?.name ?? ''}
          onChange={selection.selectPolicy}
          options={policies.data.map((item) => ({
            value: item.name,
            label: item.id === null ? t('admin.picker.builtInDefault', { name: item.name }) : item.name,
          }))}
          hint={t('admin.picker.policyHint')}
          testId="picker-policy"
        />
      ) : null}
      {policies.status === 'failed' ? <RequestError failure={policies.failure} /> : null}
    </div>
  );
}
