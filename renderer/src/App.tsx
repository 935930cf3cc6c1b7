export function App() {
  return (
    <main>
      <h1>Ops Control Room</h1>
      <p>The control room UI arrives with the UI issue.</p>
    </main>
  );
}
