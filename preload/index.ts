// The preload exposes one typed client of the contract as window.mes, and nothing else (STYLE.md §4).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { MesBridge, StreamMessage } from '../core';

const bridge: MesBridge = {
  call: (operation, input, token) => ipcRenderer.invoke('mes:call', operation, input, token),
  subscribe: (listener) => {
    const handler = (_event: IpcRendererEvent, message: StreamMessage) => listener(message);
    ipcRenderer.on('mes:stream', handler);
    return () => ipcRenderer.removeListener('mes:stream', handler);
  },
  send: (message, token) => ipcRenderer.send('mes:send', message, token),
};

contextBridge.exposeInMainWorld('mes', bridge);
