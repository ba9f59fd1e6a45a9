/** While the target's data is read: the page's shape, and words saying what is coming. */
export default function Loading() {
  return (
    <div className="animate-pulse space-y-5" aria-busy="true" aria-label="Loading the target">
      <div className="h-8 w-64 rounded bg-panel" />
      <div className="h-14 rounded border border-edge bg-panel" />
      <div className="rounded-lg border border-edge bg-panel p-4">
        <div className="mb-3 h-6 w-40 rounded bg-edge" />
        <div className="flex h-80 items-center justify-center text-sm text-muted">Loading the memory trend…</div>
      </div>
    </div>
  );
}
