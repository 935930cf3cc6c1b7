import { ConfirmRemoveDialog } from '../../components/ConfirmRemoveDialog.tsx';
import { useScheduleActions } from './use-schedules.ts';

/** Removing forgets the schedule, its fire history and its secret parameters; its runs stay. */
export function RemoveScheduleDialog({ name, onClose }: { name: string; onClose: () => void }) {
  const actions = useScheduleActions();
  return (
    <ConfirmRemoveDialog name={name} onClose={onClose} remove={() => actions.remove(name).then(() => undefined)}>
      It stops firing, and its fire history and secret parameters are deleted. The runs it queued stay.
    </ConfirmRemoveDialog>
  );
}
