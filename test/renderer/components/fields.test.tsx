/** @jest-environment jsdom */
/** The form controls every view uses: what is typed is not offered to autofill, form restore or the spellchecker. */
import { render, screen } from '@testing-library/react';
import { Form, Input, Select, TextArea } from '../../../renderer/components/fields';

describe('form controls keep the browser from storing what is typed', () => {
  it('sets the opt-outs even when a caller asks for the opposite', () => {
    render(
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
