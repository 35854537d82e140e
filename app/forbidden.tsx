import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <p className="text-sm font-medium text-slate-500">403</p>
      <h1 className="mt-1 text-2xl font-semibold">You cannot open this page</h1>
      <p className="mt-3 text-sm text-slate-600">
        The Online Synchronization pages are for administrators in developer mode. An administrator
        turns it on with &quot;Activate developer mode&quot; in the user menu.
      </p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">Back to the dashboard</Link>
    </main>
  );
}
