import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-md rounded-lg border border-edge bg-panel p-6 text-center">
        <h1 className="text-xl font-semibold">Not found</h1>
        <p className="mt-2 text-muted">There is no such page or target.</p>
        <Link href="/" className="mt-4 inline-block text-accent underline">Back to the overview</Link>
      </div>
    </main>
  );
}
