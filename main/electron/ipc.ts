import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { ErrorCode, fail } from '../../core';
import type { StationHost } from './station-host';
import { isAppUrl } from './window';

export const IPC = { call: 'mes:call', stream: 'mes:stream' } as const;

/** Only our own page in our own window may call the station; anything else is refused. */
function trusted(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return BrowserWindow.fromWebContents(event.sender) !== null && isAppUrl(url);
}

/** The contract over IPC: every call goes to the station's dispatcher, which validates and checks the role. */
export function wireIpc(station: StationHost): () => void {
  ipcMain.handle(IPC.call, async (event, operation: unknown, input: unknown, token: unknown) => {
    if (!trusted(event)) return fail(ErrorCode.forbidden, 'This window may not talk to the station.');
    if (typeof operation !== 'string' || (token !== null && typeof token !== 'string')) {
      return fail(ErrorCode.validation, 'A station call needs an operation name and a token (or null).');
    }
    return station.call(operation, input, token);
  });
  station.onStream((message) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (isAppUrl(win.webContents.getURL())) win.webContents.send(IPC.stream, message);
    }
  });
  return () => ipcMain.removeHandler(IPC.call);
}
