/** Messages under a form field; its id goes in the field's aria-describedby so the reason is read with the field. */
export function FieldError({ id, messages }: { id: string; messages: readonly string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="field-error" role="alert">
      <span aria-hidden="true">⚠ </span>
      {messages.join('; ')}
    </p>
  );
}
