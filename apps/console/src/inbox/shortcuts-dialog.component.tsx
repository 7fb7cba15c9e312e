import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { shortcuts } from './shortcuts';

/** The `?` dialog: a native modal <dialog>, so focus is trapped and Escape closes it. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="shortcuts-dialog"
      aria-labelledby="shortcuts-heading"
      onClose={onClose}
      data-testid="shortcuts-dialog"
    >
      <h2 id="shortcuts-heading">{t('inbox.shortcuts.heading')}</h2>
      <dl className="shortcuts-dialog__list">
        {shortcuts.map((shortcut) => (
          <div key={shortcut.action} className="shortcuts-dialog__item">
            <dt>
              {shortcut.keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{t(`inbox.shortcuts.actions.${shortcut.action}`)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button button--secondary" onClick={() => dialog.current?.close()}>
        {t('inbox.shortcuts.close')}
      </button>
    </dialog>
  );
}
