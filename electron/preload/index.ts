// Sandboxed preload: exposes one narrow object, never ipcRenderer or the IPC event.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, type Transport } from '../../shared/ipc/bridge.ts';
import { IPC_CALL_CHANNEL, IPC_PUSH_CHANNEL } from '../../shared/ipc/channels.ts';
import type { Push } from '../../shared/ipc/wire.ts';

const bridge: Transport = {
  // The main process checks the sender and parses the input; the renderer's client parses the output.
  call: (request) => ipcRenderer.invoke(IPC_CALL_CHANNEL, request),
  onPush(listener) {
    // Only the push crosses: the event would hand the page `sender`, i.e. ipcRenderer itself.
    const forward = (_event: IpcRendererEvent, push: Push) => listener(push);
    ipcRenderer.on(IPC_PUSH_CHANNEL, forward);
    return () => void ipcRenderer.off(IPC_PUSH_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
