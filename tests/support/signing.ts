import type { Page } from 'playwright-core';

/**
 * Signs in the HMI's signature dialog, as a person would: the user name at the session's first signing (the dialog
 * asks for it only then), the password, and a second signer where the action is two-person.
 */
export async function signInDialog(page: Page, signer: { username: string; password?: string }, second?: { username: string; password?: string }): Promise<void> {
  const dialog = page.getByTestId('signature-dialog');
  await dialog.waitFor();
  const name = dialog.getByTestId('signature-username');
  if (await name.isVisible()) await name.fill(signer.username);
  await dialog.getByTestId('signature-password').fill(signer.password ?? signer.username);
  if (second) {
    await dialog.getByTestId('signature-second-username').fill(second.username);
    await dialog.getByTestId('signature-second-password').fill(second.password ?? second.username);
  }
  await dialog.getByTestId('signature-submit').click();
  await dialog.waitFor({ state: 'detached' });
}
