import { BrowserWindow, ipcMain, webContents, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ClientMessage, ErrorCode, fail, type StreamMessage } from '../../core';
import type { StationHost } from './station-host';
import { isAppPage } from './security';

export const IPC = { call: 'mes:call', stream: 'mes:stream', send: 'mes:send' } as const;

/**
 * Only our own page may call the station (Electron security checklist 17): the top frame of one of our windows, its
 * URL exactly app://mes/index.html (see isAppPage). A sub-frame, another page or a gone frame is refused.
 */
function trusted(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && BrowserWindow.fromWebContents(event.sender) !== null && isAppPage(frame.url);
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
  const onSend = (event: IpcMainEvent, message: unknown, token: unknown) => {
    if (!trusted(event)) return;
    const refuse = (text: string) => event.sender.send(IPC.stream, { kind: 'refused', error: { code: ErrorCode.validation, message: text } } satisfies StreamMessage);
    if (token !== null && typeof token !== 'string') return refuse('A message to the station needs a token (or null).');
    const parsed = ClientMessage.safeParse(message);
    if (!parsed.success) return refuse(`The station cannot use this message: ${parsed.error.issues[0]?.message ?? 'not valid'}.`);
    followClient(station, event.sender);
    station.send(event.sender.id, parsed.data, token);
  };
  ipcMain.on(IPC.send, onSend);
  station.onStream((message, to) => {
    // Every message is a window's own (the station sends changes only to windows signed in, see station-process.ts):
    // to that window only, while it still shows our page.
    const target = webContents.fromId(to);
    if (target && !target.isDestroyed() && isAppPage(target.getURL())) target.send(IPC.stream, message);
  });
  return () => {
    ipcMain.removeHandler(IPC.call);
    ipcMain.removeListener(IPC.send, onSend);
  };
}

const followed = new Set<number>();

/** When a window that talks on the live channel goes (closed, reloaded, crashed), the station ends what it watched. */
function followClient(station: StationHost, contents: WebContents): void {
  const id = contents.id;
  if (followed.has(id)) return;
  followed.add(id);
  const gone = () => {
    if (!followed.delete(id)) return;
    if (!contents.isDestroyed()) {
      contents.off('did-navigate', gone);
      contents.off('render-process-gone', gone);
    }
    station.closeClient(id);
  };
  contents.on('did-navigate', gone);
  contents.on('render-process-gone', gone);
  contents.once('destroyed', gone);
}
