/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * A field the browser refuses (left empty though required, a number out of range) is explained in the app's
 * language, not the system's ("Please fill out this field."), and a changed value is judged again.
 */
import { fireEvent, screen } from '@testing-library/react';
import { Form, Input } from '../../../renderer/components/fields';
import { AddMemberDialog } from '../../../renderer/views/roster/AddMemberDialog';
import { renderView, space } from '../views/render-view';

function Sample() {
  return (
    <Form aria-label="f">
      <Input aria-label="name" required />
      <Input aria-label="k" type="number" min={1} max={10} defaultValue="5" />
    </Form>
  );
}

test.each([
  ['en', 'Fill in this field.', 'Enter 1 or more.', 'Enter 10 or less.'],
  ['es', 'Rellene este campo.', 'Escriba 1 o más.', 'Escriba 10 o menos.'],
] as const)('%s: why a field is refused, in the app’s words', async (lng, required, atLeast, atMost) => {
  await renderView(space(), <Sample />, lng);
  const name = screen.getByLabelText<HTMLInputElement>('name');
  expect(name.checkValidity()).toBe(false); // fires "invalid", as a submit does
  expect(name.validationMessage).toBe(required);
  fireEvent.input(name, { target: { value: 'Ana' } });
  expect(name.validationMessage).toBe('');
  expect(name.checkValidity()).toBe(true);

  const k = screen.getByLabelText<HTMLInputElement>('k');
  fireEvent.input(k, { target: { value: '0' } });
  expect(k.checkValidity()).toBe(false);
  expect(k.validationMessage).toBe(atLeast);
  fireEvent.input(k, { target: { value: '11' } });
  expect(k.checkValidity()).toBe(false);
  expect(k.validationMessage).toBe(atMost);
  fireEvent.input(k, { target: { value: '3' } });
  expect(k.checkValidity()).toBe(true);
});

test('the new-member dialog in Spanish: an empty first name is refused in Spanish', async () => {
  await renderView(space(), <AddMemberDialog onClose={() => undefined} />, 'es');
  const first = screen.getByLabelText<HTMLInputElement>(/^Nombre/);
  expect(first.checkValidity()).toBe(false);
  expect(first.validationMessage).toBe('Rellene este campo.');
});

test('words a field already has from elsewhere (a date field’s own) are left as they are', async () => {
  await renderView(space(), <Sample />, 'es');
  const name = screen.getByLabelText<HTMLInputElement>('name');
  name.setCustomValidity('Palabras de otro componente.');
  expect(name.checkValidity()).toBe(false);
  expect(name.validationMessage).toBe('Palabras de otro componente.');
  fireEvent.input(name, { target: { value: 'Ana' } });
  expect(name.validationMessage).toBe('Palabras de otro componente.'); // not ours to clear
});
