// Sandboxed preload: exposes one narrow object, never ipcRenderer or raw callbacks.
import { contextBridge } from 'electron';

// Placeholder until the typed IPC client arrives; a sandboxed preload cannot read package.json.
const opsroom = Object.freeze({ version: '0.1.0' });

export type OpsroomBridge = typeof opsroom;

contextBridge.exposeInMainWorld('opsroom', opsroom);
