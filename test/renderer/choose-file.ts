/**
 * Choosing a file the way an organizer does (renderer/components/FileChooser.tsx): the button named by
 * the label opens the hidden file input, and the system's dialog hands it the file. jsdom has no dialog,
 * so the file is given to the input the button opened (any file: the dialog's "All files" allows it).
 */
import { fireEvent, screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

/** The chooser's button, found as a screen reader finds it: a button whose name starts with the label. */
export function fileButton(label: string): HTMLButtonElement {
  return screen.getByRole('button', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) });
}

/** The hidden file input that the chooser's button opens. */
export function fileInputOf(button: HTMLElement): HTMLInputElement {
  const input = button.closest('.file-chooser')?.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('no file input beside this button');
  return input;
}

/** Clicks the button named `label`, checks that it opened its file input, and chooses `file` there. */
export async function chooseFile(user: UserEvent, label: string, file: File): Promise<void> {
  const button = fileButton(label);
  const input = fileInputOf(button);
  let opened = 0;
  const open = () => opened++;
  input.addEventListener('click', open);
  await user.click(button);
  input.removeEventListener('click', open);
  if (opened !== 1) throw new Error(`the button "${label}" did not open its file input`);
  fireEvent.change(input, { target: { files: [file] } });
}
