import { createStore } from '../../app/create-store.ts';

/**
 * Open from the shortcut, the top bar's button or an empty board's hint: one state all of them share. An
 * app.open request may also offer a stored plan, which the bar shows with its parameter form once the plan
 * list has it, and then clears (so offering the same plan again still counts).
 */
const store = createStore({ open: false, offeredPlanId: null as number | null });

export const openCommandBar = () => {
  if (!store.get().open) store.set({ open: true, offeredPlanId: null });
};
export const offerPlan = (planId: number) => store.set({ open: true, offeredPlanId: planId });
export const takeOfferedPlan = () => store.set({ ...store.get(), offeredPlanId: null });
export const closeCommandBar = () => store.set({ open: false, offeredPlanId: null });
export const useCommandBarOpen = () => store.use().open;
export const useOfferedPlanId = () => store.use().offeredPlanId;
