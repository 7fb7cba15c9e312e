import { type RenderedCannedAnswer } from '@vigie/contracts';
import { useTranslation } from 'react-i18next';

export type CannedPickerState = 'loading' | 'ready' | 'failed';

export function cannedOptionId(listId: string, answerId: string): string {
  return `${listId}-${answerId}`;
}

/**
 * The `/` picker under the reply box: a listbox the textarea drives (arrows, Enter, Esc), as the ARIA combobox
 * pattern does with `aria-activedescendant`; the focus stays in the textarea. Text is rendered as text.
 */
export function CannedPicker(params: {
  id: string;
  options: readonly RenderedCannedAnswer[];
  activeIndex: number;
  state: CannedPickerState;
  onPick: (answer: RenderedCannedAnswer) => void;
  onHover: (index: number) => void;
}) {
  const { id, options, activeIndex, state, onPick, onHover } = params;
  const { t } = useTranslation();
  return (
    <div className="canned-picker" data-testid="canned-picker">
      <p className="canned-picker__hint" id={`${id}-hint`}>
        {t('conversation.canned.hint')}
      </p>
      {state === 'failed' ? (
        <p className="notice notice--error" role="alert">
          {t('conversation.canned.failed')}
        </p>
      ) : options.length === 0 ? (
        <p className="canned-picker__empty" role="status" data-testid="canned-empty">
          {state === 'loading' ? t('conversation.canned.loading') : t('conversation.canned.none')}
        </p>
      ) : null}
      {options.length > 0 ? (
        <ul
          id={id}
          role="listbox"
          className="canned-picker__options"
          aria-label={t('conversation.canned.label')}
          aria-describedby={`${id}-hint`}
        >
          {options.map((answer, index) => (
            <li
              key={answer.id}
              id={cannedOptionId(id, answer.id)}
              role="option"
              aria-selected={index === activeIndex}
              className={`canned-option${index === activeIndex ? ' canned-option--active' : ''}`}
              // Pressed before the textarea would lose focus: the pick keeps the caret where it was.
              onMouseDown={(event) => {
                event.preventDefault();
                onPick(answer);
              }}
              onMouseEnter={() => onHover(index)}
              data-testid="canned-option"
            >
              <span className="canned-option__top">
                <span className="canned-option__title">{answer.title}</span>
                {answer.shortcut ? <span className="canned-option__shortcut">/{answer.shortcut}</span> : null}
                <span className="canned-option__language">{answer.language.toUpperCase()}</span>
              </span>
              <span className="canned-option__text">{answer.text}</span>
              {answer.missingVariables.length > 0 ? (
                <span className="canned-option__missing">
                  {t('conversation.canned.missing', {
                    names: answer.missingVariables
                      .map((name) => t(`conversation.canned.variables.${variableKey(name)}`))
                      .join(', '),
                  })}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type VariableKey = 'customerName' | 'customerHandle' | 'agentName' | 'brandName' | 'nextOpening';

function variableKey(name: RenderedCannedAnswer['missingVariables'][number]): VariableKey {
  switch (name) {
    case 'customer.name':
      return 'customerName';
    case 'customer.handle':
      return 'customerHandle';
    case 'agent.name':
      return 'agentName';
    case 'brand.name':
      return 'brandName';
    case 'next_opening':
      return 'nextOpening';
    default: {
      const unknown: never = name;
      return unknown;
    }
  }
}
