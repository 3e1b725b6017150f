/** Shown when the signed-in user's role may not open a page. */
export default function Forbidden({ area }: { area: string }) {
  return (
    <main className="page narrow">
      <h1>Access denied</h1>
      <p role="alert">Your role does not have access to {area}. Ask an administrator if you need it.</p>
    </main>
  );
}
