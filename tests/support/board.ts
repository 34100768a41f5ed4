import type { Page } from 'playwright-core';

/** A row of the order board by order number (AG Grid renders the row id as `row-id`). */
export const boardRow = (page: Page, number: string) => page.locator(`[data-testid=order-board] .ag-row[row-id="${number}"]`).first();

/** Drags an order's row by its handle onto another order's row, as a shift lead does with the mouse. */
export async function dragOrderOnto(page: Page, number: string, onto: string): Promise<void> {
  const from = await boardRow(page, number).locator('.ag-drag-handle').boundingBox();
  const to = await boardRow(page, onto).locator('[col-id=number]').boundingBox();
  if (!from || !to) throw new Error(`cannot drag ${number} onto ${onto}: a row is not on screen`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + 10, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}
