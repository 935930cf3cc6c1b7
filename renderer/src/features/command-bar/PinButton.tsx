import type { PlanOutline } from '../../../../shared/ipc/methods/runs.ts';
import { usePinPlan } from './use-pin-plan.ts';

/** Pins a plan to the top of this list and to the tray menu. A click keeps focus in the Command box. */
export function PinButton({ plan, pinned }: { plan: PlanOutline; pinned: boolean }) {
  const pin = usePinPlan();
  return (
    <button
      type="button"
      className={`btn btn-small btn-quiet suggestion-pin${pinned ? ' pinned' : ''}`}
      aria-label={`${pinned ? 'Unpin' : 'Pin'} plan ${plan.name}`}
      title={pinned ? 'Unpin: no longer first here and in the tray menu' : 'Pin: first here and in the tray menu'}
      disabled={pin.isPending}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => pin.mutate({ planId: plan.id, pinned: !pinned })}
    >
      <span aria-hidden="true">{pinned ? '★' : '☆'}</span>
    </button>
  );
}
