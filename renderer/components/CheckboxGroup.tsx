import { useTranslation } from 'react-i18next';
import { Input } from './fields';

interface Props {
  readonly legend: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly selected: readonly string[];
  readonly onChange: (selected: string[]) => void;
}

/** A multi-select as a group of checkboxes: keyboard and screen-reader friendly without a widget library. */
export function CheckboxGroup({ legend, options, selected, onChange }: Props) {
  const { t } = useTranslation();
  const set = new Set(selected);
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {options.length === 0 && <p className="hint">{t('common.noOptions')}</p>}
      {options.map((o) => (
        <label key={o.value} className="check">
          <Input
            type="checkbox"
            checked={set.has(o.value)}
            onChange={(e) =>
              onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))
            }
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
