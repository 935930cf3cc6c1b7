import { createStore } from '../../app/create-store.ts';

/** Open from the shortcut, the top bar's button or an empty board's hint: one flag all of them share. */
const store = createStore(false);

export const openCommandBar = () => store.set(true);
export const closeCommandBar = () => store.set(false);
export const useCommandBarOpen = store.use;
