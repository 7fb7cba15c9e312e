import {
  channelNames,
  type InboxFacets,
  type InboxFilterName,
  type InboxFilters,
  messageIntents,
  routingPriorities,
} from '@vigie/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchInboxFacets } from '../conversation/conversations.api';
import { hasFilters, hasSearchWord } from './inbox-views';

/** Typing pauses this long before the search runs (Enter runs it at once). */
const searchDelayMs = 400;

type SelectFilter = Exclude<InboxFilterName, 'q'>;

/**
 * The search box and the filters above the list (brand, channel, language, intent, priority, tag). They live in
 * the page's URL: the parent turns a change into a new `?…`, and the list reads the view again.
 */
export function InboxFilterBar(params: {
  filters: InboxFilters;
  onChange: (filters: InboxFilters) => void;
  /** Brands, languages and tags are read once this is true (after the list's first page: the list comes first). */
  canLoadFacets: boolean;
}) {
  const { filters, onChange, canLoadFacets } = params;
  const { t } = useTranslation();
  const [facets, setFacets] = useState<InboxFacets | null>(null);
  const appliedQ = filters.q ?? '';
  const [text, setText] = useState(appliedQ);
  const [seenQ, setSeenQ] = useState(appliedQ);

  // The search in the URL changed (a search ran, the back button, "clear"): the box shows it, unless it already
  // does (a search the agent typed), so nothing typed since is lost.
  if (appliedQ !== seenQ) {
    setSeenQ(appliedQ);
    if (text.trim() !== appliedQ) setText(appliedQ);
  }

  const hasFacets = facets !== null;
  useEffect(() => {
    if (!canLoadFacets || hasFacets) return;
    let isCurrent = true;
    void fetchInboxFacets().then((result) => {
      if (isCurrent && result.kind === 'ok') setFacets(result.body);
    });
    return () => {
      isCurrent = false;
    };
  }, [canLoadFacets, hasFacets]);

  const searchFor = (value: string) => {
    const q = value.trim();
    if (q === appliedQ) return;
    if (q !== '' && !hasSearchWord(q)) return;
    const next = { ...filters };
    if (q) next.q = q;
    else delete next.q;
    onChange(next);
  };

  useEffect(() => {
    if (text.trim() === appliedQ) return;
    const timer = window.setTimeout(() => searchFor(text), searchDelayMs);
    return () => window.clearTimeout(timer);
  });

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    searchFor(text);
  }

  function select(name: SelectFilter, value: string) {
    const next = { ...filters };
    if (value) (next as Record<SelectFilter, string>)[name] = value;
    else delete next[name];
    onChange(next);
  }

  const tags = [...new Set([...(facets?.tags ?? []), ...(filters.tag ? [filters.tag] : [])])];
  const selects: { name: SelectFilter; options: { value: string; label: string }[] }[] = [
    {
      name: 'brandId',
      options: (facets?.brands ?? []).map((brand) => ({ value: brand.id, label: brand.name })),
    },
    {
      name: 'channel',
      options: (facets?.channels ?? channelNames).map((channel) => ({
        value: channel,
        label: t(`inbox.filters.channels.${channel}`),
      })),
    },
    {
      name: 'language',
      options: (facets?.languages ?? ['en', 'fr']).map((language) => ({
        value: language,
        label: language.toUpperCase(),
      })),
    },
    {
      name: 'intent',
      options: (facets?.intents ?? messageIntents).map((intent) => ({
        value: intent,
        label: t(`inbox.filters.intents.${intent}`),
      })),
    },
    {
      name: 'priority',
      options: (facets?.priorities ?? routingPriorities).map((priority) => ({
        value: priority,
        label: t(`routing.priority.${priority}`),
      })),
    },
    { name: 'tag', options: tags.map((tag) => ({ value: tag, label: `#${tag}` })) },
  ];

  return (
    <div className="inbox-filters" data-testid="inbox-filters">
      <form role="search" className="inbox-filters__search" onSubmit={handleSubmit}>
        <label className="visually-hidden" htmlFor="inbox-search">
          {t('inbox.filters.searchLabel')}
        </label>
        <input
          id="inbox-search"
          type="search"
          className="field__input inbox-filters__search-input"
          placeholder={t('inbox.filters.searchPlaceholder')}
          value={text}
          maxLength={200}
          onChange={(event) => setText(event.target.value)}
          data-testid="inbox-search"
        />
      </form>
      <div className="inbox-filters__selects">
        {selects
          // One brand or one channel is no choice: the select would only add noise.
          .filter(
            (entry) => entry.options.length > (entry.name === 'brandId' || entry.name === 'channel' ? 1 : 0),
          )
          .map((entry) => (
            <span key={entry.name} className="inbox-filters__select">
              <label className="visually-hidden" htmlFor={`inbox-filter-${entry.name}`}>
                {t(`inbox.filters.names.${entry.name}`)}
              </label>
              <select
                id={`inbox-filter-${entry.name}`}
                className="field__input inbox-filters__input"
                value={filters[entry.name] ?? ''}
                onChange={(event) => select(entry.name, event.target.value)}
                data-testid={`inbox-filter-${entry.name}`}
              >
                <option value="">{t(`inbox.filters.names.${entry.name}`)}</option>
                {entry.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </span>
          ))}
        {hasFilters(filters) ? (
          <button
            type="button"
            className="button button--quiet inbox-filters__clear"
            onClick={() => onChange({})}
            data-testid="inbox-filters-clear"
          >
            {t('inbox.filters.clear')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
