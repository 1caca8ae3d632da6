/** A member field in the user's language; a file column or kept column by its own name. */
export function fieldLabel(t: (key: string, opts?: Record<string, unknown>) => string, field: string): string {
  if (field.startsWith('extra.')) return t('import.extraField', { column: field.slice('extra.'.length) });
  const key = `member.field.${field === 'address' ? 'addressLines' : field}`;
  const label = t(key);
  return label === key ? field : label;
}
