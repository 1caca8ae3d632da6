/** @jest-environment ./test/renderer/sharing/environment.js */
/** The form controls every view uses: what is typed is not offered to autofill, form restore or the spellchecker. */
import { render, screen } from '@testing-library/react';
import { Field, Form, Input, Select, TextArea } from '../../../renderer/components/fields';
import { renderView, space } from '../views/render-view';

describe('form controls keep the browser from storing what is typed', () => {
  it('sets the opt-outs even when a caller asks for the opposite', async () => {
    // A form says refusals in the app's words (form-validity.test.tsx): it is drawn with the app's i18next.
    await renderView(
      space(),
      <Form aria-label="f" autoComplete="on">
        <Input aria-label="name" autoComplete="given-name" spellCheck />
        <TextArea aria-label="note" autoComplete="on" spellCheck />
        <Select aria-label="kind" autoComplete="on">
          <option value="a">a</option>
        </Select>
      </Form>,
    );
    expect(screen.getByRole('form').getAttribute('autocomplete')).toBe('off');
    for (const label of ['name', 'note']) {
      const field = screen.getByLabelText(label);
      expect(field.getAttribute('autocomplete')).toBe('off');
      expect(field.getAttribute('spellcheck')).toBe('false');
      expect(field.getAttribute('autocorrect')).toBe('off');
      expect(field.getAttribute('autocapitalize')).toBe('off');
    }
    expect(screen.getByLabelText('kind').getAttribute('autocomplete')).toBe('off');
  });

  it('passes every other property through', () => {
    render(<Input aria-label="zip" type="tel" defaultValue="12345" required maxLength={10} />);
    const field = screen.getByLabelText<HTMLInputElement>('zip');
    expect([field.type, field.value, field.required, field.maxLength]).toEqual(['tel', '12345', true, 10]);
  });
});

describe('Field: one labelled control', () => {
  it('names its control by the label, and two fields get different ids', () => {
    render(
      <>
        <Field label="Date">{(c) => <Input {...c} type="date" />}</Field>
        <Field label="Kind" layout="wide">
          {(c) => (
            <Select {...c}>
              <option value="a">a</option>
            </Select>
          )}
        </Field>
      </>,
    );
    const date = screen.getByLabelText('Date');
    const kind = screen.getByLabelText('Kind');
    expect(date.getAttribute('type')).toBe('date');
    expect(date.id).not.toBe(kind.id);
    expect(kind.closest('div')!.className).toBe('field wide');
    expect(date.hasAttribute('aria-describedby')).toBe(false);
    expect(date.hasAttribute('aria-invalid')).toBe(false);
  });

  it('has its hint and its error read with the control, and marks it invalid on an error', () => {
    render(
      <Field label="ZIP codes" layout="block" hint="One per line" error="Not a ZIP code: 9">
        {(c) => <TextArea {...c} />}
      </Field>,
    );
    const zips = screen.getByRole('textbox', { name: 'ZIP codes' });
    expect(zips).toHaveProperty('tagName', 'TEXTAREA');
    expect(zips.getAttribute('aria-invalid')).toBe('true');
    const described = zips.getAttribute('aria-describedby')!.split(' ');
    expect(described.map((id) => document.getElementById(id)!.textContent)).toEqual([
      'One per line',
      'Not a ZIP code: 9',
    ]);
    expect(zips.closest('div')!.className).toBe('block-field');
  });
});
