import { ConfirmRemoveDialog } from '../../components/ConfirmRemoveDialog.tsx';
import { useServerActions } from './use-server-actions.ts';

/** Removing forgets the server and its tools; plans naming it will be refused. */
export function RemoveServerDialog({ name, onClose, onRemoved }: { name: string; onClose: () => void; onRemoved: () => void }) {
  const actions = useServerActions();
  return (
    <ConfirmRemoveDialog name={name} onClose={onClose} remove={async () => {
      await actions.remove(name);
      onRemoved();
    }}>
      The server and its discovered tools are forgotten. Plans that use <code>{name}/…</code> tools will be refused until it is added again.
    </ConfirmRemoveDialog>
  );
}
