/**
 * A small button of the customer panel: a short word on screen ("Unlink"), and for assistive technologies a label
 * naming what it acts on ("Unlink @martine_b"), since a list has one such button per row.
 */
export function PanelButton(params: {
  label: string;
  accessibleLabel?: string;
  isDisabled: boolean;
  onClick?: () => void;
  type?: 'button' | 'submit';
  testId: string;
}) {
  const { label, accessibleLabel, isDisabled, onClick, type = 'button', testId } = params;
  return (
    <button
      type={type === 'submit' ? 'submit' : 'button'}
      className="button button--secondary customer-panel__small-button"
      disabled={isDisabled}
      onClick={onClick}
      aria-label={accessibleLabel}
      data-testid={testId}
    >
      {label}
    </button>
  );
}
