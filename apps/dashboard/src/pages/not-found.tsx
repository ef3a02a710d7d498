export function NotFoundPage() {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no page here. Go to the <a href="/ui/batches">batches</a>.
      </p>
    </section>
  );
}
