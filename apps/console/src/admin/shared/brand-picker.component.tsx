import { type BrandSummary } from '@vigie/contracts';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { fetchBrands } from '../brands/brands.api';
import { RequestError, SelectField } from './form-fields.component';
import { type ResourceState, useApiResource } from './use-api-resource.hook';

export type BrandSelection = {
  brands: ResourceState<BrandSummary[]>;
  brand: BrandSummary | null;
  selectBrand: (brandId: string) => void;
  /** Sets or removes (null) search parameters of the page, keeping the others. */
  setParams: (changes: Record<string, string | null>) => void;
  params: URLSearchParams;
};

/** The brand a page works on, kept in the URL (`?brand=`): the first brand until one is chosen. */
export function useBrandSelection(): BrandSelection {
  const [params, setSearchParams] = useSearchParams();
  const brands = useApiResource('brands', fetchBrands);
  const brandList = brands.state.status === 'ready' ? brands.state.data : [];
  const brand = brandList.find((item) => item.id === params.get('brand')) ?? brandList[0] ?? null;
  const setParams = (changes: Record<string, string | null>) =>
    setSearchParams((current) => {
      const next = new URLSearchParams(current);
      for (const [name, value] of Object.entries(changes))
        if (value === null) next.delete(name);
        else next.set(name, value);
      return next;
    });
  return { brands: brands.state, brand, selectBrand: (id) => setParams({ brand: id }), setParams, params };
}

export function BrandSelect({ selection }: { selection: BrandSelection }) {
  const { t } = useTranslation();
  const { brands, brand } = selection;
  if (brands.status === 'failed') return <RequestError failure={brands.failure} />;
  if (brands.status === 'loading')
    return (
      <p className="admin-muted" role="status">
        {t('admin.loading')}
      </p>
    );
  return (
    <SelectField
      id="picker-brand"
      label={t('admin.picker.brand')}
      value={brand?.id ?? ''}
      onChange={selection.selectBrand}
      options={brands.data.map((item) => ({ value: item.id, label: item.name }))}
      testId="picker-brand"
    />
  );
}
