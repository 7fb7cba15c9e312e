import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A confirmation before a change that touches a customer (unlink, merge): a native modal <dialog>, so focus
 * stays inside, Escape cancels, and focus returns to the button that opened it. "Cancel" has the focus first:
 * Enter on a dialog opened by mistake changes nothing.
 */
export function ConfirmDialog(params: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onDone: (isConfirmed: boolean) => void;
  testId?: string;
}) {
  const { title, children, confirmLabel, onDone, testId } = params;
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const isConfirmed = useRef(false);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const close = (confirmed: boolean) => {
    isConfirmed.current = confirmed;
    dialog.current?.close();
  };

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={() => onDone(isConfirmed.current)}
      // While it is open, keys are the dialog's: the inbox's single-key shortcuts (e: resolve…) must not fire.
      onKeyDown={(event) => event.stopPropagation()}
      data-testid={testId ?? 'confirm-dialog'}
    >
      <h2 id={titleId} className="confirm-dialog__title">
        {title}
      </h2>
      <div id={bodyId} className="confirm-dialog__body">
        {children}
      </div>
      <div className="confirm-dialog__actions">
        <button
          type="button"
          className="button button--secondary"
          // A modal dialog places the focus inside itself: on the harmless choice.
          autoFocus
          onClick={() => close(false)}
          data-testid="confirm-cancel"
        >
          {t('customer.confirm.cancel')}
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={() => close(true)}
          data-testid="confirm-accept"
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
