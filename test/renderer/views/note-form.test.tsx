/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * A note body longer than the model takes is not saved, and the form says why
 * (in plain words, with the counts) instead of a generic validation error.
 */
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NoteForm } from '../../../renderer/views/notes/NoteForm';
import { NOTE_BODY_MAX } from '../../../shared/model/note';
import { renderView, space } from './render-view';

test.each([
  ['en', 'What was said', 'Save note', /too long to save: 100,001 characters, .* at most 100,000/],
  ['es', 'Lo que se habló', 'Guardar nota', /demasiado larga .* 100[.,\s]001 caracteres, .* como máximo 100[.,\s]000/],
])(
  '%s: a note body past the limit is refused with a clear message, and saved once shortened',
  async (lng, label, save, message) => {
    const user = userEvent.setup();
    const data = space();
    const ana = data.members.create({ firstName: 'Ana', lastName: 'Ruiz' });
    await renderView(data, <NoteForm memberId={ana} />, lng);
    const body = screen.getByLabelText(label);
    fireEvent.change(body, { target: { value: 'x'.repeat(NOTE_BODY_MAX + 1) } }); // a paste
    expect(screen.getByRole('alert').textContent).toMatch(message);
    expect(body.getAttribute('aria-invalid')).toBe('true');
    await user.click(screen.getByRole('button', { name: save }));
    expect(data.notes.all()).toEqual([]);

    fireEvent.change(body, { target: { value: 'x'.repeat(NOTE_BODY_MAX) } });
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: save }));
    expect(data.notes.all()).toHaveLength(1);
  },
);
