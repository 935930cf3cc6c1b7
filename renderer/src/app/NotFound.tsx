import { EmptyState } from '../components/EmptyState.tsx';

export function NotFound({ path }: { path: string }) {
  return (
    <section className="page" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Nothing here</h1>
      <EmptyState title={`There is no screen at “${path}”.`}>
        <a href="#/">Go to the Runboard</a>
      </EmptyState>
    </section>
  );
}
