import { useSyncExternalStore } from 'react';
import { connection, type ConnectionState } from '../ipc/index.ts';

const subscribe = (listener: () => void) => connection.subscribe(listener);
const getState = () => connection.get();

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(subscribe, getState);
}
