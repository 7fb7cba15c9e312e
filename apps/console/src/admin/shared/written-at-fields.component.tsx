import { useTranslation } from 'react-i18next';
import { TextField } from './form-fields.component';

export type LocalDateTime = { date: string; time: string };

/** "If a customer writes on [date] at [time] (zone time)": the two fields of the previews. */
export function WrittenAtFields({
  idPrefix,
  value,
  onChange,
  timezone,
}: {
  idPrefix: string;
  value: LocalDateTime;
  onChange: (value: LocalDateTime) => void;
  timezone: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="calendar-editor__inline">
      <TextField
        id={`${idPrefix}-date`}
        label={t('admin.preview.date')}
        type="date"
        value={value.date}
        onChange={(date) => onChange({ ...value, date })}
        testId={`${idPrefix}-date`}
      />
      <TextField
        id={`${idPrefix}-time`}
        label={t('admin.preview.time', { zone: timezone })}
        type="time"
        value={value.time}
        onChange={(time) => onChange({ ...value, time })}
        testId={`${idPrefix}-time`}
      />
    </div>
  );
}
